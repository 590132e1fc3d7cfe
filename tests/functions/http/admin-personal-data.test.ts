import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashClientSecret } from '../../../functions/core/client-secret';
import type { LocalRuntime } from '../../../infra/local/start-local-runtime';
import { aDossier } from '../../support/fixtures';
import { setFaults } from '../../support/receiver';
import { eventually, startTestRuntime, tokenFor } from '../../support/test-runtime';

/**
 * Administrators see a failed message's payload with personal data masked unless their client
 * also holds `pii:read` (SECURITY.md, "Information disclosure"); the scope is read from the
 * client's current record, so taking it away takes effect within the revocation bound.
 */
let runtime: LocalRuntime;
let messageId: string;
const citizen = {
  name: 'Phạm Thị Hoa',
  idNumber: '036205001234',
  phone: '0903123456',
  email: 'hoa.pham@example.vn',
};
const reader = {
  clientId: 'admin-with-pii',
  scopes: ['admin' as const, 'pii:read' as const],
  agencies: [],
};

beforeAll(async () => {
  runtime = await startTestRuntime(null, { security: { clientStatusMaxAgeSeconds: 0 } });
  await runtime.deps.clientRegistry.saveClient({
    ...reader,
    secretHash: await hashClientSecret('pii-secret'),
  });
  await setFaults(runtime.urls.nationalPortal, { reject: true });
  const response = await fetch(`${runtime.urls.gateway}/v1/dossiers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(runtime)}`, 'content-type': 'application/json' },
    body: JSON.stringify(aDossier({ applicant: { type: 'citizen', ...citizen } })),
  });
  messageId = ((await response.json()) as { messageId: string }).messageId;
  await eventually(async () =>
    (await runtime.deps.store.getFailedMessage(messageId))?.status === 'parked' ? true : undefined,
  );
}, 60_000);
afterAll(() => runtime.stop());

const detail = async (token: string) => {
  const response = await fetch(`${runtime.urls.gateway}/v1/admin/failed-messages/${messageId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return response.text();
};

describe('personal data in the admin API', () => {
  it('is masked for an administrator without pii:read', async () => {
    const body = await detail(await tokenFor(runtime, 'demo-admin', 'demo-admin-secret'));
    expect(JSON.parse(body)).toMatchObject({ personalDataMasked: true });
    for (const value of Object.values(citizen)) expect(body).not.toContain(value);
  });

  it('is shown to an administrator with pii:read, until the scope is taken away', async () => {
    const token = await tokenFor(runtime, reader.clientId, 'pii-secret');
    const shown = await detail(token);
    expect(JSON.parse(shown)).toMatchObject({ personalDataMasked: false });
    expect(shown).toContain(citizen.idNumber);

    await runtime.deps.clientRegistry.saveClient({
      ...reader,
      scopes: ['admin'],
      secretHash: await hashClientSecret('pii-secret'),
    });
    const narrowed = await detail(token);
    expect(JSON.parse(narrowed)).toMatchObject({ personalDataMasked: true });
    expect(narrowed).not.toContain(citizen.idNumber);
  });
});
