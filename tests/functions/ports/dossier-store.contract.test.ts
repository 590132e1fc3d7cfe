import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coalesceItemRequests } from '../../../functions/adapters/dynamodb/coalesced-item-requests';
import { createDynamoDbDossierStore } from '../../../functions/adapters/dynamodb-dossier-store';
import {
  createInMemoryDossierStore,
  type ItemWrite,
} from '../../../functions/adapters/in-memory/dossier-store';
import { getDossierView } from '../../../functions/application/get-dossier-view';
import type { FailedMessage, StoredMessage } from '../../../functions/core/dossier-message';
import { isGatewayError } from '../../../functions/core/gateway-error';
import type { AgencyNames } from '../../../functions/ports/agency-names';
import type { DossierStore } from '../../../functions/ports/dossier-store';
import { topology } from '../../../infra/topology';
import { useGatewayTable } from '../../support/dynamodb-table';
import { aStoredMessage } from '../../support/fixtures';
import { inMemoryAndDynamoDb } from '../../support/port-contracts';

/** Unit names play no part in these views: nobody knows any. */
const noUnitNames: AgencyNames = { strict: false, nameOf: async () => undefined };

/**
 * The DossierStore contract, run against the in-memory store (what the use cases' unit tests
 * use) and the DynamoDB store on dynalite (what runs): the two cannot drift apart.
 */
const table = useGatewayTable();
/** Its own table: listings of one run must not see the other DynamoDB run's items. */
const batchedTable = useGatewayTable();
/** What a test does between two writes of one store operation; reset after each test. */
let betweenWrites: (write: ItemWrite) => Promise<void> | void = () => undefined;
afterEach(() => {
  betweenWrites = () => undefined;
});
const afterWrite = (write: ItemWrite) => betweenWrites(write);

const implementations = [
  ...inMemoryAndDynamoDb<DossierStore>(
    table,
    () => createInMemoryDossierStore({ afterWrite }),
    ({ probed, tableName }) =>
      createDynamoDbDossierStore(probed(afterWrite), {
        tableName,
        pendingShards: topology.outbox.pendingShards,
      }),
  ),
  // As the wiring builds it (issue 24): plain reads and Puts batched per turn of the event loop.
  {
    name: 'DynamoDB (dynalite), item requests coalesced',
    create: () =>
      createDynamoDbDossierStore(
        coalesceItemRequests(batchedTable().probed(afterWrite), batchedTable().tableName),
        {
          tableName: batchedTable().tableName,
          pendingShards: topology.outbox.pendingShards,
        },
      ),
  },
];

let dossierNumber = 0;

function newDossierCode() {
  dossierNumber += 1;
  return `000.00.12.H12-250314-${String(dossierNumber).padStart(4, '0')}`;
}

function message(
  dossierCode: string,
  sequence: number,
  acceptedAt = `2025-03-14T01:0${sequence}:00.000Z`,
): StoredMessage {
  return aStoredMessage(dossierCode, sequence, {
    acceptedAt,
    payload: { anything: ['nested', { deep: sequence }] },
  });
}

function failed(stored: StoredMessage, parkedAt = '2025-03-14T03:00:00.000Z'): FailedMessage {
  return {
    messageId: stored.messageId,
    queue: 'to-national.fifo',
    channel: stored.channel,
    dossierCode: stored.dossierCode,
    agencyCode: stored.agencyCode,
    sequence: stored.sequence,
    kind: stored.kind,
    reason: 'rejected',
    lastError: 'error_code 500',
    attempts: 1,
    parkedAt,
    status: 'parked',
  };
}

const attempt = {
  at: '2025-03-14T02:00:00.000Z',
  outcome: 'delivered' as const,
  latencyMs: 12,
  detail: 'ok',
};
const ref = (stored: StoredMessage) => ({
  channel: stored.channel,
  dossierCode: stored.dossierCode,
  sequence: stored.sequence,
});

describe.each(implementations)('dossier store contract: $name', ({ create }) => {
  let store: DossierStore;
  beforeEach(() => {
    store = create();
  });

  it('keeps messages in sequence order with their payloads, per channel', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 2));
    await store.appendMessage(message(code, 1));
    await store.appendMessage({ ...message(code, 1), channel: 'province', kind: 'dossier.submitted' });
    expect((await store.listMessages('national', code)).map((summary) => summary.sequence)).toEqual([1, 2]);
    expect((await store.listMessages('province', code)).map((summary) => summary.kind)).toEqual([
      'dossier.submitted',
    ]);
    expect((await store.getMessage('national', code, 2))?.payload).toEqual({
      anything: ['nested', { deep: 2 }],
    });
    expect(await store.listMessages('national', code)).not.toHaveProperty('0.payload');
  });

  it('lets only one writer take a sequence number', async () => {
    const code = newDossierCode();
    const results = await Promise.allSettled([
      store.appendMessage(message(code, 1)),
      store.appendMessage(message(code, 1)),
    ]);
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(isGatewayError((refused[0] as PromiseRejectedResult).reason, 'sequence.taken')).toBe(true);
  });

  it('moves delivery progress one sequence at a time and takes the message off the pending index', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 1));
    await store.appendMessage(message(code, 2));
    await expect(
      store.recordDelivery(ref(message(code, 2)), attempt, { nationalSynced: true }),
    ).rejects.toThrow(/after #0/);
    await store.recordDelivery(ref(message(code, 1)), attempt, {
      nationalSynced: true,
      nationalStatus: 'received',
    });
    expect(await store.getDeliveryProgress('national', code)).toMatchObject({
      deliveredSequence: 1,
      nationalSynced: true,
      nationalStatus: 'received',
    });
    expect((await store.getMessage('national', code, 1))?.state).toBe('delivered');
    const pending = await store.listPending('9999', 1000);
    expect(pending.filter((entry) => entry.dossierCode === code).map((entry) => entry.sequence)).toEqual([2]);
  });

  it('records the first step of the next message only while it is the next to deliver (docs/adr/0013)', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 1));
    await store.appendMessage(message(code, 2));
    await store.recordDelivery(ref(message(code, 1)), attempt, {});
    expect(await store.recordFirstStep(ref(message(code, 3)))).toBe(false);
    expect(await store.recordFirstStep(ref(message(code, 2)))).toBe(true);
    expect(await store.getDeliveryProgress('national', code)).toMatchObject({
      deliveredSequence: 1,
      firstStepSequence: 2,
    });
    await store.recordDelivery(ref(message(code, 2)), attempt, {});
    expect(await store.recordFirstStep(ref(message(code, 2)))).toBe(false);
  });

  it('treats recording an already delivered sequence again as harmless', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 1));
    await store.recordDelivery(ref(message(code, 1)), attempt, { nationalSynced: true });
    await store.recordDelivery(ref(message(code, 1)), attempt, { nationalSynced: true });
    expect((await store.getDeliveryProgress('national', code)).deliveredSequence).toBe(1);
  });

  it('lists only messages pending since before the cut-off, oldest first', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 1, '2020-01-01T00:00:02.000Z'));
    await store.appendMessage(message(code, 2, '2020-01-01T00:00:01.000Z'));
    await store.appendMessage(message(code, 3, '2030-01-01T00:00:00.000Z'));
    const pending = (await store.listPending('2021-01-01T00:00:00.000Z', 1000)).filter(
      (entry) => entry.dossierCode === code,
    );
    expect(pending.map((entry) => entry.sequence)).toEqual([2, 1]);
  });

  it('records failed attempts with the last error for the dossier view', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 1));
    await store.recordFailedAttempt(message(code, 1), {
      ...attempt,
      outcome: 'failed',
      detail: 'HTTP 503',
    });
    expect(
      (await store.listHistory('national', code)).find((entry) => entry.sequence === 1)?.attempts,
    ).toEqual([{ ...attempt, outcome: 'failed', detail: 'HTTP 503' }]);
    expect((await store.getDeliveryProgress('national', code)).lastError).toBe('HTTP 503');
  });

  it('parks a message, holds the next behind it, and releases it after a replay', async () => {
    const code = newDossierCode();
    const [first, second] = [message(code, 1), message(code, 2)];
    await store.appendMessage(first);
    await store.appendMessage(second);
    await store.parkMessage(failed(first), { ...attempt, outcome: 'parked' });
    expect((await store.getDeliveryProgress('national', code)).parkedSequence).toBe(1);
    expect((await store.getFailedMessage(first.messageId))?.status).toBe('parked');
    await store.holdMessage(ref(second), { ...attempt, outcome: 'held' });
    expect((await store.listPending('9999', 1000)).filter((entry) => entry.dossierCode === code)).toEqual([]);

    const revived = await store.reviveParked(
      failed(first),
      { ...attempt, outcome: 'replayed' },
      { edited: true },
    );
    expect(revived).toMatchObject({ state: 'accepted', replays: 1 });
    const stored = await store.getMessage('national', code, 1);
    expect(stored?.payload).toEqual({ edited: true });
    expect(stored?.originalPayload).toEqual(first.payload);
    expect((await store.getDeliveryProgress('national', code)).parkedSequence).toBeUndefined();
    expect((await store.getFailedMessage(first.messageId))?.status).toBe('replayed');

    const released = await store.releaseHeld('national', code);
    expect(released.map((summary) => [summary.sequence, summary.state])).toEqual([[2, 'accepted']]);
  });

  it('refuses to revive a message that is not parked', async () => {
    const code = newDossierCode();
    const first = message(code, 1);
    await store.appendMessage(first);
    await expect(store.reviveParked(failed(first), attempt)).rejects.toMatchObject({
      code: 'failedMessage.notParked',
    });
  });

  it('moves progress past a discarded message', async () => {
    const code = newDossierCode();
    const first = message(code, 1);
    await store.appendMessage(first);
    await store.parkMessage(failed(first), { ...attempt, outcome: 'parked' });
    await store.discardParked(failed(first), { ...attempt, outcome: 'discarded' });
    expect(await store.getDeliveryProgress('national', code)).toMatchObject({ deliveredSequence: 1 });
    expect((await store.getMessage('national', code, 1))?.state).toBe('discarded');
  });

  it('lists dossiers by the day of their code, newest first, as their latest delivered national message left them', async () => {
    // Days and agencies of this test alone: the table is shared with the other tests.
    dossierNumber += 1;
    const serial = String(dossierNumber % 100).padStart(2, '0');
    const agency = `000.00.${serial}.H12`;
    const other = `000.00.${serial}.H13`;
    const code = (day: string, n: number) => `${agency}-${day}-000${n}`;
    // The relay lists a dossier as it delivers its messages (issue 24: not on the way in).
    const listed = async (
      dossierCode: string,
      sequence: number,
      status: StoredMessage['status'],
      extra = {},
    ) => {
      const stored = aStoredMessage(dossierCode, sequence, { agencyCode: agency, status, ...extra });
      await store.appendMessage(stored);
      await store.recordDelivery(stored, attempt, {});
    };
    await listed(code('240101', 1), 1, 'submitted');
    await listed(code('240101', 1), 2, 'received');
    // A province-channel message has a sequence of its own: it does not move the listing.
    await listed(code('240101', 1), 1, 'processing', { channel: 'province', kind: 'dossier.status_changed' });
    await listed(code('240101', 2), 1, 'submitted', { agencyCode: other });
    await listed(code('240101', 3), 1, 'submitted');
    await listed(code('240101', 3), 2, 'processing');
    // An earlier message recorded again (a copy after a crash) does not undo a later one.
    await store.recordDelivery(aStoredMessage(code('240101', 3), 1, { agencyCode: agency }), attempt, {});
    await listed(code('240102', 1), 1, 'received');
    await listed(code('240105', 1), 1, 'received');

    const range = { fromDay: '2024-01-01', toDay: '2024-01-02' };
    const first = await store.listDossiers({ ...range, limit: 2 });
    expect(first.items.map((item) => [item.dossierCode, item.status])).toEqual([
      [code('240102', 1), 'received'],
      [code('240101', 3), 'processing'],
    ]);
    expect(first.items[0]).toMatchObject({ day: '2024-01-02', agencyCode: agency, sequence: 1 });
    const second = await store.listDossiers({ ...range, limit: 2, cursor: first.cursor });
    expect(second.items.map((item) => [item.dossierCode, item.status])).toEqual([
      [code('240101', 2), 'submitted'],
      [code('240101', 1), 'received'],
    ]);
    expect(second.cursor).toBeUndefined();

    const filtered = await store.listDossiers({
      ...range,
      agencyCode: agency,
      status: 'received',
      limit: 10,
    });
    expect(filtered.items.map((item) => item.dossierCode)).toEqual([code('240102', 1), code('240101', 1)]);
    expect((await store.listDossiers({ ...range, agencyCode: other, limit: 10 })).items).toHaveLength(1);
  });

  /** A new dossier's two messages (received, then processing) and its entry on the list. */
  function aListedDossier() {
    const code = newDossierCode();
    const day = { fromDay: '2025-03-14', toDay: '2025-03-14', limit: 1000 };
    return {
      listing: async () => (await store.listDossiers(day)).items.find((item) => item.dossierCode === code),
      first: aStoredMessage(code, 1, { status: 'received' }),
      second: aStoredMessage(code, 2, { status: 'processing' }),
    };
  }

  it('lists a dossier once the relay has tried its message (delivered, failed or parked), not while it waits in the queue', async () => {
    const { listing, first, second } = aListedDossier();
    await store.appendMessage(first);
    expect(await listing()).toBeUndefined();

    await store.parkMessage(failed(first), { ...attempt, outcome: 'parked' });
    expect(await listing()).toMatchObject({ sequence: 1, status: 'received' });

    await store.reviveParked(failed(first), { ...attempt, outcome: 'replayed' });
    await store.recordDelivery(first, attempt, {});
    await store.appendMessage(second);
    await store.recordDelivery(second, attempt, {});
    expect(await listing()).toMatchObject({ sequence: 2, status: 'processing' });
  });

  it('lists a dossier at its first failed attempt (the receiver down), and a late failed copy never takes the list back', async () => {
    const { listing, first, second } = aListedDossier();
    await store.appendMessage(first);
    await store.recordFailedAttempt(first, { ...attempt, outcome: 'failed', detail: 'HTTP 503' });
    expect(await listing()).toMatchObject({ sequence: 1, status: 'received' });

    await store.recordDelivery(first, attempt, {});
    await store.appendMessage(second);
    await store.recordDelivery(second, attempt, {});
    await store.recordFailedAttempt(first, { ...attempt, outcome: 'failed', detail: 'HTTP 503' });
    expect(await listing()).toMatchObject({ sequence: 2, status: 'processing' });
  });

  it("leaves the listing one message behind after a crash between the relay's writes, until the copy is recorded", async () => {
    const { listing, first, second } = aListedDossier();
    await store.appendMessage(first);
    await store.recordDelivery(first, attempt, {});
    await store.appendMessage(second);
    betweenWrites = (write) => {
      if (write.kind === 'progress' && write.dossierCode === second.dossierCode)
        throw new Error('process died');
    };
    await expect(store.recordDelivery(second, attempt, {})).rejects.toThrow('process died');
    betweenWrites = () => undefined;

    // The truth moved on (the progress), the view did not: it shows the message before.
    expect((await store.getDeliveryProgress('national', second.dossierCode)).deliveredSequence).toBe(2);
    expect(await listing()).toMatchObject({ sequence: 1, status: 'received' });

    // The sweeper's copy comes back as a duplicate; recording it again writes the view too.
    await store.recordDelivery(second, { ...attempt, detail: 'delivered before a restart' }, {});
    expect(await listing()).toMatchObject({ sequence: 2, status: 'processing' });
  });

  it('lists failed messages newest first, filtered, a page at a time', async () => {
    const code = newDossierCode();
    for (const sequence of [1, 2, 3]) {
      const stored = message(code, sequence);
      await store.appendMessage(stored);
      await store.parkMessage(
        { ...failed(stored, `2031-01-0${sequence}T00:00:00.000Z`), queue: 'test-queue.fifo' },
        { ...attempt, outcome: 'parked' },
      );
    }
    const firstPage = await store.listFailedMessages({
      queue: 'test-queue.fifo',
      dossierCode: code,
      limit: 2,
    });
    expect(firstPage.items.map((item) => item.sequence)).toEqual([3, 2]);
    expect(firstPage.cursor).toBeDefined();
    const secondPage = await store.listFailedMessages({
      queue: 'test-queue.fifo',
      dossierCode: code,
      limit: 2,
      ...(firstPage.cursor ? { cursor: firstPage.cursor } : {}),
    });
    expect(secondPage.items.map((item) => item.sequence)).toEqual([1]);
    const ranged = await store.listFailedMessages({
      queue: 'test-queue.fifo',
      from: '2031-01-02T00:00:00.000Z',
      to: '2031-01-02T00:00:00.000Z',
      limit: 10,
    });
    expect(ranged.items.map((item) => item.sequence)).toEqual([2]);
    await expect(
      store.listFailedMessages({ queue: 'test-queue.fifo', limit: 1, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({ code: 'request.invalid' });
  });

  it("shows a reader between the relay's two writes a delivery whole or not at all", async () => {
    const code = newDossierCode();
    const first = message(code, 1);
    await store.appendMessage(first);
    const between: Awaited<ReturnType<typeof getDossierView>>[] = [];
    betweenWrites = async (write) => {
      if (write.kind === 'progress' && write.dossierCode === code)
        between.push(await getDossierView(store, code, noUnitNames));
    };

    await store.recordDelivery(ref(first), attempt, { nationalSynced: true, nationalStatus: 'received' });
    betweenWrites = () => undefined;

    expect(between).toHaveLength(1);
    expect(between[0]?.sync.state).toBe('pending');
    expect(between[0]?.timeline.map((entry) => entry.outcome)).toEqual(['accepted']);
    expect(between[0]?.nationalStatus).toBeNull();
    const after = await getDossierView(store, code, noUnitNames);
    expect(after.sync).toEqual({ state: 'synced', lastSyncedAt: attempt.at });
    expect(after.timeline.map((entry) => entry.outcome)).toEqual(['accepted', 'delivered']);
    expect(after.nationalStatus).toBe('received');
  });

  it('never says synced to a reader at any write while a dossier fails, is parked, replayed and delivered', async () => {
    const code = newDossierCode();
    const [first, second] = [message(code, 1), message(code, 2)];
    const seen: string[] = [];
    betweenWrites = async (write) => {
      if (write.dossierCode !== code) return;
      const view = await getDossierView(store, code, noUnitNames).catch(() => undefined);
      if (!view) return;
      const delivered = new Set(
        view.timeline
          .filter((entry) => entry.outcome === 'delivered')
          .map((entry) => entry.detail.split(' ')[0]),
      );
      const accepted = new Set(
        view.timeline
          .filter((entry) => entry.outcome === 'accepted')
          .map((entry) => entry.detail.split(' ')[0]),
      );
      // Synced exactly when every accepted message shows its delivery.
      seen.push(`${write.kind}:${view.sync.state}`);
      expect(view.sync.state === 'synced').toBe([...accepted].every((sequence) => delivered.has(sequence)));
    };

    await store.appendMessage(first);
    await store.recordFailedAttempt(first, { ...attempt, outcome: 'failed', detail: 'HTTP 503' });
    await store.parkMessage(failed(first), { ...attempt, outcome: 'parked' });
    await store.appendMessage(second);
    await store.holdMessage(ref(second), { ...attempt, outcome: 'held' });
    await store.reviveParked(failed(first), { ...attempt, outcome: 'replayed' });
    await store.recordDelivery(ref(first), attempt, { nationalSynced: true });
    await store.releaseHeld('national', code);
    await store.recordDelivery(ref(second), attempt, {});
    betweenWrites = () => undefined;

    expect(seen).toContain('progress:failing');
    expect(seen).toContain('message:parked');
    expect(seen.at(-1)).toBe('message:synced');
    expect(seen.filter((entry) => entry.endsWith(':synced'))).toEqual(['message:synced']);
  });

  it("leaves a message pending after a crash between the relay's two writes, and recording it again tidies it", async () => {
    const code = newDossierCode();
    const first = message(code, 1);
    await store.appendMessage(first);
    betweenWrites = (write) => {
      if (write.kind === 'progress' && write.dossierCode === code) throw new Error('process died');
    };
    await expect(store.recordDelivery(ref(first), attempt, { nationalSynced: true })).rejects.toThrow(
      'process died',
    );
    betweenWrites = () => undefined;

    expect((await store.getDeliveryProgress('national', code)).deliveredSequence).toBe(1);
    expect((await store.getMessage('national', code, 1))?.state).toBe('accepted');
    expect(
      (await store.listPending('9999', 1000)).filter((entry) => entry.dossierCode === code),
    ).toHaveLength(1);

    // The sweeper re-enqueues it; the relay sees a duplicate and records the delivery again.
    await store.recordDelivery(ref(first), { ...attempt, detail: 'delivered before a restart' }, {});
    expect((await store.getMessage('national', code, 1))?.state).toBe('delivered');
    expect((await store.listPending('9999', 1000)).filter((entry) => entry.dossierCode === code)).toEqual([]);
  });

  it('marks a message as the relay read it delivered, also when a crash cut the first recording short', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 1));
    const read = await store.getMessage('national', code, 1);
    if (!read) throw new Error('the message was not stored');
    betweenWrites = (write) => {
      if (write.kind === 'progress' && write.dossierCode === code) throw new Error('process died');
    };
    await expect(store.recordDelivery(read, attempt, { nationalSynced: true })).rejects.toThrow(
      'process died',
    );
    betweenWrites = () => undefined;
    expect((await store.getMessage('national', code, 1))?.state).toBe('accepted');

    await store.recordDelivery(read, { ...attempt, detail: 'delivered before a restart' }, {});

    const [history] = await store.listHistory('national', code);
    expect(history?.state).toBe('delivered');
    expect(history?.attempts.map((entry) => entry.detail)).toEqual(['delivered before a restart']);
    expect((await store.getMessage('national', code, 1))?.payload).toEqual(read.payload);
    expect((await store.listPending('9999', 1000)).filter((entry) => entry.dossierCode === code)).toEqual([]);
  });

  it('keeps a failed record for a message whose parking a crash cut short, and parking it again completes', async () => {
    const code = newDossierCode();
    const first = message(code, 1);
    await store.appendMessage(first);
    betweenWrites = (write) => {
      if (write.kind === 'failed') throw new Error('process died');
    };
    await expect(store.parkMessage(failed(first), { ...attempt, outcome: 'parked' })).rejects.toThrow(
      'process died',
    );
    betweenWrites = () => undefined;

    expect((await store.getFailedMessage(first.messageId))?.status).toBe('parked');
    expect((await store.getMessage('national', code, 1))?.state).toBe('accepted');
    // An administrator acting on the early record is told it is not parked (yet).
    await expect(
      store.reviveParked(failed(first), { ...attempt, outcome: 'replayed' }),
    ).rejects.toMatchObject({ code: 'failedMessage.notParked' });

    await store.parkMessage(failed(first), { ...attempt, outcome: 'parked' });
    expect((await store.getMessage('national', code, 1))?.state).toBe('parked');
    expect((await store.getDeliveryProgress('national', code)).parkedSequence).toBe(1);
  });
});

describe('dossier store on DynamoDB after an upgrade', () => {
  it('still lists a dossier from a listing item written on the way in by the code before issue 24', async () => {
    const code = newDossierCode();
    // The item as the ingest's UpdateItem left it; the relay's Put writes the same attributes.
    await table().documents.send(
      new PutCommand({
        TableName: table().tableName,
        Item: {
          pk: 'DOSSIERS#2025-03-14',
          sk: code,
          dossierCode: code,
          agencyCode: '000.00.12.H12',
          day: '2025-03-14',
          status: 'submitted',
          sequence: 1,
          updatedAt: '2025-03-14T01:01:00.000Z',
        },
      }),
    );
    const store = createDynamoDbDossierStore(table().documents, {
      tableName: table().tableName,
      pendingShards: topology.outbox.pendingShards,
    });
    const { items } = await store.listDossiers({ fromDay: '2025-03-14', toDay: '2025-03-14', limit: 1000 });
    expect(items.find((item) => item.dossierCode === code)).toMatchObject({
      status: 'submitted',
      sequence: 1,
    });
  });
});
