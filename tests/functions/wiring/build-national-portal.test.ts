import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { buildNationalPortal } from '../../../functions/wiring/build-national-portal';
import type { RuntimeConfig } from '../../../functions/wiring/runtime-config';
import { closeServer } from '../../../infra/local/emulators';
import { createNationalPortalSimulator } from '../../../infra/simulators/national-portal-simulator';
import { aDossier } from '../../support/fixtures';

const account = { username: 'u', password: 'p' };
const sessionAccount = { madonvi: '000.00.00.H12', dstcode: 'DST-H12' };
const lgspClient = { clientId: 'lgsp-client', clientSecret: 'lgsp-secret' };
const simulator = createNationalPortalSimulator({ ...account, ...sessionAccount, lgspClient });
let server: Server;
let url: string;

beforeAll(async () => {
  server = serve({ fetch: simulator.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => closeServer(server));
beforeEach(async () => {
  await simulator.app.request('/_sim/reset', { method: 'POST' });
});

function config(extra: Partial<RuntimeConfig['nationalPortal']> = {}): RuntimeConfig['nationalPortal'] {
  return {
    baseUrl: url,
    ...account,
    session: sessionAccount,
    timeoutMs: 2000,
    maxConcurrentCalls: 4,
    circuitBreaker: { failureThreshold: 5, openSeconds: 1 },
    ...extra,
  };
}

const h12 = () => toNationalDossier(aDossier());

describe('the national portal built from configuration', () => {
  it('uses the session envelope for everyone when no transport is configured', async () => {
    const portal = buildNationalPortal(config({ lgsp: { baseUrl: url, ...lgspClient } }));
    await portal.syncDossier('000.00.12.H12', h12(), false);
    expect(simulator.received.map((request) => request.path)).toEqual(['/service']);
  });

  it('sends a province configured as lgsp over LGSP REST', async () => {
    const portal = buildNationalPortal(
      config({ transports: { H12: 'lgsp', H56: 'session' }, lgsp: { baseUrl: url, ...lgspClient } }),
    );
    await portal.syncDossier('000.00.12.H12', h12(), false);
    expect(simulator.received.map((request) => request.path)).toEqual(['/dvcqg/hoso/dongbo']);
  });

  it('refuses to start when a province uses lgsp but no LGSP settings are given', () => {
    expect(() => buildNationalPortal(config({ transports: { H12: 'lgsp' } }))).toThrow(
      /H12 use the LGSP transport, but no LGSP settings/,
    );
  });

  it('refuses a transports key that can never match an agency suffix', () => {
    expect(() =>
      buildNationalPortal(config({ transports: { h12: 'lgsp' }, lgsp: { baseUrl: url, ...lgspClient } })),
    ).toThrow(/got h12/);
  });
});
