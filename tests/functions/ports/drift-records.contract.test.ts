import { beforeAll, describe, expect, it } from 'vitest';
import type { DriftRunReport } from '../../../contracts/drift-check';
import { createDynamoDbDriftRecords } from '../../../functions/adapters/dynamodb-drift-records';
import { createInMemoryDriftRecords } from '../../../functions/adapters/in-memory/drift-records';
import type { StoredMessage } from '../../../functions/core/dossier-message';
import { isGatewayError } from '../../../functions/core/gateway-error';
import type { DossierStore } from '../../../functions/ports/dossier-store';
import type { DriftRecords } from '../../../functions/ports/drift-records';
import { useGatewayTable } from '../../support/dynamodb-table';
import { aDriftFinding, aStoredMessage } from '../../support/fixtures';
import { besideADossierStore } from '../../support/port-contracts';

/**
 * The DriftRecords contract, against the in-memory records and the DynamoDB ones on dynalite;
 * in both, the sample reads what the dossier store's deliveries wrote.
 */
const table = useGatewayTable();
const implementations = besideADossierStore<DriftRecords>(
  table,
  {
    inMemory: createInMemoryDriftRecords,
    dynamodb: ({ documents, tableName }) =>
      createDynamoDbDriftRecords(documents, {
        tableName,
        retentionSeconds: 3600,
        now: () => new Date('2025-03-15T03:00:00.000Z'),
      }),
  },
  8,
);

const codeOf = (serial: number) => `000.00.12.H12-250314-${String(serial).padStart(4, '0')}`;

function aMessage(dossierCode: string, channel: StoredMessage['channel'] = 'national'): StoredMessage {
  return aStoredMessage(dossierCode, 1, {
    channel,
    messageId: `${dossierCode}#${channel}`,
    kind: channel === 'national' ? 'dossier.sync' : 'dossier.submitted',
    requestHash: 'h',
  });
}

const attempt = { at: '2025-03-14T02:00:00.000Z', outcome: 'delivered' as const, latencyMs: 1, detail: 'ok' };

async function deliverIn(
  store: DossierStore,
  dossierCode: string,
  channel: StoredMessage['channel'],
  synced: boolean,
) {
  const message = aMessage(dossierCode, channel);
  await store.appendMessage(message);
  await store.recordDelivery(
    { channel, dossierCode, sequence: 1 },
    attempt,
    synced ? { nationalSynced: true, nationalStatus: 'received' } : {},
  );
}

describe.each(implementations)('drift records contract: $name', ({ create }) => {
  let store: DossierStore;
  let drift: DriftRecords;
  beforeAll(() => {
    ({ store, reader: drift } = create());
  });
  const deliver = (dossierCode: string, channel: StoredMessage['channel'], synced: boolean) =>
    deliverIn(store, dossierCode, channel, synced);

  it('samples synced dossiers a slice per run, resuming where the last run stopped and wrapping once', async () => {
    const synced = [1, 2, 3, 4, 5].map(codeOf);
    for (const code of synced) await deliver(code, 'national', true);
    await deliver(codeOf(6), 'national', false);
    await deliver(codeOf(7), 'province', true);

    const bounds = { sampleSize: 2, scanPageSize: 3, maxScanPages: 10 };
    const runs = [
      await drift.sampleSyncedDossiers(bounds),
      await drift.sampleSyncedDossiers(bounds),
      await drift.sampleSyncedDossiers(bounds),
    ];
    for (const run of runs) expect(run).toHaveLength(2);
    expect(new Set(runs.flat())).toEqual(new Set(synced));
    // Five dossiers, two a run: the first two runs take four different ones, the third wraps.
    expect(new Set([...(runs[0] ?? []), ...(runs[1] ?? [])]).size).toBe(4);
  });

  it('writes a finding only over the revision it was read at', async () => {
    const code = codeOf(20);
    expect(await drift.saveFinding(aDriftFinding(code))).toBe(true);
    expect(await drift.saveFinding(aDriftFinding(code, { state: 'resynced', revision: 2 }))).toBe(true);
    expect(await drift.saveFinding(aDriftFinding(code, { state: 'resolved', revision: 2 }))).toBe(false);
    expect(await drift.getFinding(code)).toEqual(aDriftFinding(code, { state: 'resynced', revision: 2 }));
  });

  it('lists findings by state, a page at a time', async () => {
    for (const serial of [30, 31, 32, 33, 34]) {
      await drift.saveFinding(aDriftFinding(codeOf(serial), { state: serial % 2 ? 'resolved' : 'open' }));
    }
    const first = await drift.listFindings({ states: ['resolved'], limit: 1 });
    expect(first.items.map((finding) => finding.dossierCode)).toEqual([codeOf(31)]);
    const second = await drift.listFindings({ states: ['resolved'], limit: 1, cursor: first.cursor ?? '' });
    expect(second.items.map((finding) => finding.dossierCode)).toEqual([codeOf(33)]);
    const open = await drift.listFindings({ states: ['open', 'resynced'], limit: 50 });
    expect(open.items.every((finding) => finding.state !== 'resolved')).toBe(true);
    expect(open.cursor).toBeUndefined();
  });

  it('refuses a cursor it did not issue', async () => {
    const cursor = Buffer.from(JSON.stringify({ pk: 'DOSSIER#x', sk: 'PROGRESS#national' })).toString(
      'base64url',
    );
    const error = await drift.listFindings({ limit: 5, cursor }).catch((caught: unknown) => caught);
    expect(isGatewayError(error, 'request.invalid')).toBe(true);
  });

  it('lists run reports newest first', async () => {
    const report = (startedAt: string): DriftRunReport => ({
      runId: startedAt,
      startedAt,
      finishedAt: startedAt,
      sampled: 1,
      checked: 1,
      skippedInFlight: 0,
      agreed: 1,
      drifted: 0,
      missingAtPortal: 0,
      errors: 0,
      opened: 0,
      resolved: 0,
    });
    await drift.saveRun(report('2025-03-15T01:00:00.000Z'));
    await drift.saveRun(report('2025-03-15T02:00:00.000Z'));
    expect((await drift.listRuns(1)).map((run) => run.startedAt)).toEqual(['2025-03-15T02:00:00.000Z']);
  });
});
