import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDossierStore } from '../../../functions/adapters/dynamodb-dossier-store';
import type { FailedMessage, StoredMessage } from '../../../functions/core/dossier-message';
import { isGatewayError } from '../../../functions/core/gateway-error';
import type { DossierStore } from '../../../functions/ports/dossier-store';
import { localName, provisionTables } from '../../../infra/local/provision';
import { topology } from '../../../infra/topology';
import { startTestEmulators, type TestEmulators } from '../../support/emulators';
import { aStoredMessage } from '../../support/fixtures';

let emulators: TestEmulators;
let store: DossierStore;
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

beforeAll(async () => {
  emulators = await startTestEmulators();
  await provisionTables(emulators.dynamodb, 'test');
  store = createDynamoDbDossierStore(emulators.documents, {
    tableName: localName('test', 'gateway'),
    pendingShards: topology.outbox.pendingShards,
  });
});
afterAll(() => emulators.close());

describe('DynamoDB dossier store (dynalite)', () => {
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
    await store.recordFailedAttempt(ref(message(code, 1)), {
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
});
