import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier } from '../support/fixtures';
import { aStatusChange } from '../support/national-fixtures';
import { eventually, startTestRuntime, tokenFor } from '../support/test-runtime';

let runtime: LocalRuntime;
let province: string;
let admin: string;
beforeAll(async () => {
  runtime = await startTestRuntime();
  province = await tokenFor(runtime);
  admin = await tokenFor(runtime, 'demo-admin', 'demo-admin-secret');
});
afterAll(() => runtime.stop());

const post = (path: string, body: unknown) =>
  fetch(`${runtime.urls.gateway}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A dossier due 2025-03-17 17:00 (+07:00), resolved `minutes` after 08:30 on the 14th. */
async function finish(agencyUnit: string, minutes: number) {
  const agencyCode = `000.00.${agencyUnit}.H12`;
  const dossier = aDossier({
    agencyCode,
    dossierCode: `${agencyCode}-250314-${String(minutes % 10_000).padStart(4, '0')}`,
  });
  expect((await post('/v1/dossiers', dossier)).status).toBe(202);
  for (const [index, status] of (['processing', 'resolved', 'returned'] as const).entries()) {
    const change = aStatusChange(`${dossier.dossierCode}-${index}`, status, minutes + index);
    expect((await post(`/v1/dossiers/${dossier.dossierCode}/status`, change)).status).toBe(202);
  }
  await eventually(async () =>
    (await runtime.deps.store.getDeliveryProgress('national', dossier.dossierCode)).deliveredSequence === 4
      ? true
      : undefined,
  );
}

describe('on-time rate of relayed dossiers', () => {
  it('counts each finished dossier once, on time when resolved no later than its promised date', async () => {
    await finish('31', 60); // resolved on the 14th: on time
    await finish('31', 5 * 24 * 60); // resolved on the 19th: late
    await finish('32', 120);
    const response = await fetch(`${runtime.urls.gateway}/v1/admin/indicators/on-time`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const { agencies } = (await response.json()) as {
      agencies: { agencyCode: string; finished: number; onTime: number; onTimeRate: number }[];
    };
    expect(agencies.find((agency) => agency.agencyCode === '000.00.31.H12')).toEqual({
      agencyCode: '000.00.31.H12',
      finished: 2,
      onTime: 1,
      onTimeRate: 0.5,
    });
    expect(agencies.find((agency) => agency.agencyCode === '000.00.32.H12')).toMatchObject({
      finished: 1,
      onTime: 1,
    });
  }, 60_000);
});
