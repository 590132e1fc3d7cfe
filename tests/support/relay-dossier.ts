import { expect } from 'vitest';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { eventually } from './test-runtime';

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
