import { expect } from 'vitest';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier } from './fixtures';
import { setFaults } from './receiver';
import { eventually, startTestRuntime, tokenFor } from './test-runtime';

/** A runtime that parks a message after two receives, so an outage parks one within seconds. */
export const startParkingQuickly = () => startTestRuntime(null, { maxReceiveCount: 2 });

/**
 * A dossier sent while the national portal simulator is down, waited on until its message is
 * parked (startParkingQuickly's runtime parks it within seconds), the portal back up after.
 * The fixture's payer carries the ID number 001203004567, so the message holds personal data.
 */
export async function parkDuringOutage(
  runtime: LocalRuntime,
): Promise<{ dossierCode: string; messageId: string }> {
  await setFaults(runtime.urls.nationalPortal, { down: true });
  const dossier = aDossier();
  const response = await fetch(`${runtime.urls.gateway}/v1/dossiers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(runtime)}`, 'content-type': 'application/json' },
    body: JSON.stringify(dossier),
  });
  expect(response.status).toBe(202);
  const { messageId } = (await response.json()) as { messageId: string };
  await eventually(
    async () =>
      (await runtime.deps.store.getFailedMessage(messageId))?.status === 'parked' ? true : undefined,
    30_000,
  );
  await setFaults(runtime.urls.nationalPortal, {});
  return { dossierCode: dossier.dossierCode, messageId };
}
