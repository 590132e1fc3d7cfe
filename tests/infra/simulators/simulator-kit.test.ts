import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer } from '../../../infra/local/emulators';
import { createSimulatorKit } from '../../../infra/simulators/simulator-kit';

let server: Server | undefined;
afterEach(async () => {
  if (server) await closeServer(server);
  server = undefined;
});

async function servedKit() {
  const kit = createSimulatorKit();
  kit.app.post('/business', kit.withFaults, async (c) => {
    kit.record(c, await c.req.json());
    return c.json({ ok: true });
  });
  server = serve({ fetch: kit.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  if (!server.listening) await new Promise((done) => server?.once('listening', done));
  return { kit, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('simulator faults', () => {
  it('holds a hung request open past the wait, then drops it unanswered and unprocessed', async () => {
    const { kit, url } = await servedKit();
    await fetch(`${url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ hangRate: 1, hangMs: 200 }) });

    const started = Date.now();
    await expect(fetch(`${url}/business`, { method: 'POST', body: '{"n":1}' })).rejects.toThrow();

    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(kit.received).toHaveLength(0);
    await fetch(`${url}/_sim/faults`, { method: 'POST', body: '{}' });
    expect((await fetch(`${url}/business`, { method: 'POST', body: '{"n":2}' })).status).toBe(200);
    expect(kit.received.map((request) => request.body)).toEqual([{ n: 2 }]);
  });

  it('carries out a request whose answer it then loses, and says so in its record', async () => {
    const { kit, url } = await servedKit();
    await fetch(`${url}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ answerLostRate: 1, hangMs: 50 }),
    });

    await expect(fetch(`${url}/business`, { method: 'POST', body: '{"n":1}' })).rejects.toThrow();

    expect(kit.received).toEqual([expect.objectContaining({ body: { n: 1 }, answerLost: true })]);
  });
});
