import { expect } from 'vitest';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';
import { toNationalDossier } from '../../functions/core/translate-dossier';
import { pushNational } from '../../infra/local/demo-client';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier } from './fixtures';
import { received } from './receiver';
import { eventually, tokenFor } from './test-runtime';

let events = 0;

/** A status change at the desk with a fresh event id, handled by one officer. */
export const deskChange = (
  status: StatusChange['status'],
  at: string,
  extra: Partial<StatusChange> = {},
): StatusChange => ({
  eventId: `evt-${++events}`,
  status,
  at,
  handledBy: { name: 'Trần Thị Bình' },
  ...extra,
});

/** Sends a dossier and its status changes as a province, then waits until the portal has all of them. */
export async function relayDossier(
  runtime: LocalRuntime,
  token: string,
  dossier: DossierSubmission,
  changes: readonly StatusChange[],
) {
  const post = (path: string, body: unknown) =>
    fetch(`${runtime.urls.gateway}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post('/v1/dossiers', dossier)).status).toBe(202);
  for (const next of changes) {
    const response = await post(`/v1/dossiers/${dossier.dossierCode}/status`, next);
    expect(response.status, await response.text()).toBe(202);
  }
  await eventually(async () =>
    (await runtime.deps.store.getDeliveryProgress('national', dossier.dossierCode)).deliveredSequence ===
    changes.length + 1
      ? true
      : undefined,
  );
}

/**
 * The portal pushes a new online dossier of the agency, as the demo national account; answers the
 * webhook the province simulator received for it, once it came.
 */
export async function pushedToProvince(runtime: LocalRuntime, dossierCode: string, agencyCode: string) {
  const national = await tokenFor(runtime, 'demo-national', 'demo-national-password');
  const online = toNationalDossier(
    aDossier({ dossierCode, agencyCode, channel: 'online', status: 'submitted' }),
  );
  expect((await pushNational(runtime.urls.gateway, '/v1/national/dossiers', online, national)).status).toBe(
    202,
  );
  return eventually(async () =>
    (await received<{ type: string; data?: { dossierCode?: string } }>(runtime.urls.province)).find(
      (request) => request.body.data?.dossierCode === dossierCode,
    ),
  );
}

/**
 * A month's dossiers of one agency for the scorecard (issue 22): received Monday 3 March 2025
 * 08:00, promised Friday 7 March 17:00, the n-th coded `code(n)`. `earlyAndLate` relays the first
 * two worked examples of [766 2.1]: one resolved Wednesday, two days before the promised Friday;
 * one resolved Tuesday 11 March 16:00, two working days after it.
 */
export function marchDossiersOf(agencyCode: string, runtime: () => LocalRuntime, token: () => string) {
  const code = (n: number) => `${agencyCode}-250303-${String(n).padStart(4, '0')}`;
  const base = { agencyCode, receivedAt: '2025-03-03T08:00:00+07:00', dueAt: '2025-03-07T17:00:00+07:00' };
  const relay = (dossier: DossierSubmission, changes: StatusChange[]) =>
    relayDossier(runtime(), token(), dossier, changes);
  const resolvedOn = (n: number, resolvedAt: string) =>
    relay(aDossier({ ...base, dossierCode: code(n) }), [
      deskChange('processing', '2025-03-03T09:00:00+07:00'),
      deskChange('resolved', resolvedAt),
    ]);
  return {
    code,
    base,
    relay,
    earlyAndLate: () => [
      resolvedOn(1, '2025-03-05T10:00:00+07:00'),
      resolvedOn(2, '2025-03-11T16:00:00+07:00'),
    ],
  };
}
