import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { sendNationalPush, targetOf } from '../../scripts/push-national';
import { eventually, startTestRuntime } from '../support/test-runtime';

/** The example files the vendor guide tells a vendor to push (docs/vendor-guide.md). */
const examples = join(import.meta.dirname, '..', '..', 'docs', 'examples');
const example = (name: string) => readFile(join(examples, name), 'utf8');

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.stop();
});

const webhooksAbout = (dossierCode: string) =>
  runtime.simulators.province.received
    .map((request) => request.body as { type: string; data: { dossierCode?: string } })
    .filter((event) => event.data.dossierCode === dossierCode)
    .map((event) => event.type);

describe('npm run push:national', () => {
  it('signs the example dossier and status row so the gateway accepts them and the provincial system receives both, in order', async () => {
    const dossier = await sendNationalPush({
      gatewayUrl: runtime.urls.gateway,
      body: await example('national-dossier.json'),
    });
    expect(dossier).toMatchObject({ path: '/v1/national/dossiers', status: 202 });
    const status = await sendNationalPush({
      gatewayUrl: runtime.urls.gateway,
      body: await example('national-status.json'),
    });
    expect(status).toMatchObject({ path: '/v1/national/status', status: 202 });

    // The provincial simulator verifies each webhook's signature before it records it.
    const received = await eventually(async () => {
      const types = webhooksAbout('000.00.12.H12-250314-0008');
      return types.length === 2 ? types : undefined;
    });
    expect(received).toEqual(['dossier.submitted', 'dossier.status_changed']);
  });

  it('is refused with 401 when signed with a secret the gateway does not hold', async () => {
    const pushed = await sendNationalPush({
      gatewayUrl: runtime.urls.gateway,
      body: await example('national-status.json'),
      pushSecret: 'whsec_bm90LXRoZS1wb3J0YWxzLXNlY3JldA==',
    });
    expect(pushed.status).toBe(401);
    expect(JSON.parse(pushed.answer)).toMatchObject({ code: 'auth.unauthenticated' });
  });

  it('tells a dossier object from a progress row, and asks for --to when it cannot', () => {
    expect(targetOf({ TrangThaiHoSo: '1' })).toBe('dossiers');
    expect(targetOf({ TrangThai: '2' })).toBe('status');
    expect(() => targetOf({ MaHoSo: 'x' })).toThrow(/--to dossiers or --to status/);
  });
});
