import { beforeEach, describe, expect, it } from 'vitest';
import type { DriftFinding } from '../../../contracts/drift-check';
import { createInMemoryAuditLog } from '../../../functions/adapters/in-memory/audit-log';
import { createInMemoryDriftRecords } from '../../../functions/adapters/in-memory/drift-records';
import { type ResyncDependencies, resyncDossier } from '../../../functions/application/resync-dossier';
import type { StoredMessage } from '../../../functions/core/dossier-message';
import { isGatewayError } from '../../../functions/core/gateway-error';
import { aDossier, aDriftFinding, aStoredMessage, sequentialIds } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';
import { aGatewayWorld, failing, type GatewayWorld } from '../../support/use-case-fixtures';

/** An administrator's re-sync of a drifted dossier, over the in-memory store, drift records and audit log. */

let world: GatewayWorld;
let deps: ResyncDependencies & { audit: ReturnType<typeof createInMemoryAuditLog> };
let serial = 0;

beforeEach(() => {
  world = aGatewayWorld('2025-03-15T04:00:00.000Z');
  deps = {
    ...world,
    drift: createInMemoryDriftRecords(world.items),
    audit: createInMemoryAuditLog({ clock: world.clock, newId: sequentialIds('audit') }),
  };
});

function stored(
  dossierCode: string,
  sequence: number,
  kind: 'dossier.sync' | 'dossier.status',
  payload: unknown,
): StoredMessage {
  return aStoredMessage(dossierCode, sequence, {
    kind,
    idempotencyKey: `k${sequence}`,
    naturalKey: `k${sequence}`,
    status: (payload as { status: StoredMessage['status'] }).status,
    version: undefined,
    state: 'delivered',
    payload,
  });
}

/** A dossier received, moved to a later promised date, then processing; the portal shows it received. */
async function aDriftedDossier(): Promise<{ dossierCode: string; finding: DriftFinding }> {
  serial += 1;
  const dossierCode = `000.00.12.H12-250314-${String(serial).padStart(4, '0')}`;
  await deps.store.appendMessage(stored(dossierCode, 1, 'dossier.sync', aDossier({ dossierCode })));
  await deps.store.appendMessage(
    stored(dossierCode, 2, 'dossier.status', {
      ...aStatusChange(`${dossierCode}-1`, 'awaiting_supplement', 5),
      dueAt: '2025-03-21T17:00:00+07:00',
    }),
  );
  await deps.store.appendMessage(
    stored(dossierCode, 3, 'dossier.status', aStatusChange(`${dossierCode}-2`, 'processing', 10)),
  );
  const finding: DriftFinding = aDriftFinding(dossierCode, { findingId: `finding-${serial}` });
  await deps.drift.saveFinding(finding);
  return { dossierCode, finding };
}

describe('resyncDossier', () => {
  it('queues the dossier as held now, after everything accepted before it, and marks the finding resynced', async () => {
    const { dossierCode, finding } = await aDriftedDossier();

    const result = await resyncDossier(deps, dossierCode, {
      actor: { type: 'client', clientId: 'demo-admin' },
    });

    expect(result).toMatchObject({ sequence: 4, finding: { state: 'resynced', resyncs: 1, revision: 2 } });
    const message = await deps.store.getMessage('national', dossierCode, 4);
    expect(message).toMatchObject({
      kind: 'dossier.resync',
      status: 'processing',
      naturalKey: `resync:${finding.findingId}#1`,
      payload: { ...aDossier({ dossierCode }), status: 'processing', dueAt: '2025-03-21T17:00:00+07:00' },
    });
    expect(world.queues.national.sent.at(-1)).toMatchObject({
      type: 'dossier.resync',
      dossierCode,
      sequence: 4,
    });
    expect(await deps.drift.getFinding(dossierCode)).toMatchObject({
      state: 'resynced',
      resyncedBy: 'demo-admin',
      resyncedAt: '2025-03-15T04:00:00.000Z',
    });
    expect(deps.audit.entries.at(-1)).toMatchObject({
      actor: { type: 'client', clientId: 'demo-admin' },
      action: 'driftFinding.resync',
      target: dossierCode,
      after: { state: 'resynced', sequence: 4 },
    });
  });

  it('sends one re-sync when two administrators click at once', async () => {
    const { dossierCode } = await aDriftedDossier();
    const outcomes = await Promise.allSettled([
      resyncDossier(deps, dossierCode, { actor: { type: 'client', clientId: 'a' } }),
      resyncDossier(deps, dossierCode, { actor: { type: 'client', clientId: 'b' } }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(isGatewayError(refused?.reason, 'driftFinding.notOpen')).toBe(true);
    const kinds = (await deps.store.listMessages('national', dossierCode)).map((message) => message.kind);
    expect(kinds.filter((kind) => kind === 'dossier.resync')).toHaveLength(1);
  });

  it('puts the finding back to open when the message cannot be stored', async () => {
    const { dossierCode } = await aDriftedDossier();
    const down = { ...deps, store: failing(deps.store, 'appendMessage', 'table unavailable') };
    await expect(
      resyncDossier(down, dossierCode, { actor: { type: 'client', clientId: 'demo-admin' } }),
    ).rejects.toThrow('table unavailable');
    expect(await deps.drift.getFinding(dossierCode)).toMatchObject({
      state: 'open',
      resyncs: 0,
      revision: 3,
    });
    expect(
      await resyncDossier(deps, dossierCode, { actor: { type: 'client', clientId: 'demo-admin' } }),
    ).toMatchObject({ sequence: 4 });
  });

  it('refuses a dossier without a finding', async () => {
    const error = await resyncDossier(deps, '000.00.12.H12-250314-9999', {
      actor: { type: 'client', clientId: 'x' },
    }).catch((e: unknown) => e);
    expect(isGatewayError(error, 'driftFinding.notFound')).toBe(true);
  });
});
