import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDossierStore } from '../../../functions/adapters/dynamodb-dossier-store';
import type { StoredMessage } from '../../../functions/core/dossier-message';
import { isGatewayError } from '../../../functions/core/gateway-error';
import type { DossierStore } from '../../../functions/ports/dossier-store';
import { localName, provisionTables } from '../../../infra/local/provision';
import { topology } from '../../../infra/topology';
import { startTestEmulators, type TestEmulators } from '../../support/emulators';

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
  return {
    dossierCode,
    agencyCode: '000.00.12.H12',
    sequence,
    messageId: `${dossierCode}#${sequence}`,
    kind: 'dossier.sync',
    idempotencyKey: `version:${sequence}`,
    naturalKey: `version:${sequence}`,
    requestHash: `h${sequence}`,
    status: 'received',
    version: sequence,
    acceptedAt,
    state: 'accepted',
    traceId: 't',
    payload: { anything: ['nested', { deep: sequence }] },
  };
}

const attempt = {
  at: '2025-03-14T02:00:00.000Z',
  outcome: 'delivered' as const,
  latencyMs: 12,
  detail: 'ok',
};

beforeAll(async () => {
  emulators = await startTestEmulators();
  await provisionTables(emulators.dynamodb, 'test');
  store = createDynamoDbDossierStore(emulators.documents, {
    tableName: localName('test', 'gateway'),
    pendingIndexName: 'pending',
    pendingShards: topology.outbox.pendingShards,
  });
});
afterAll(() => emulators.close());

describe('DynamoDB dossier store (dynalite)', () => {
  it('keeps messages in sequence order with their payloads', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 2));
    await store.appendMessage(message(code, 1));
    expect((await store.listMessages(code)).map((summary) => summary.sequence)).toEqual([1, 2]);
    expect((await store.getMessage(code, 2))?.payload).toEqual({ anything: ['nested', { deep: 2 }] });
    expect(await store.listMessages(code)).not.toHaveProperty('0.payload');
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
    await expect(store.recordDelivery(code, 2, attempt, { nationalSynced: true })).rejects.toThrow(
      /after #0/,
    );
    await store.recordDelivery(code, 1, attempt, { nationalSynced: true, nationalStatus: 'received' });
    expect(await store.getDeliveryProgress(code)).toMatchObject({
      deliveredSequence: 1,
      nationalSynced: true,
      nationalStatus: 'received',
    });
    expect((await store.getMessage(code, 1))?.state).toBe('delivered');
    const pending = await store.listPending('9999', 1000);
    expect(pending.filter((ref) => ref.dossierCode === code).map((ref) => ref.sequence)).toEqual([2]);
  });

  it('treats recording an already delivered sequence again as harmless', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 1));
    await store.recordDelivery(code, 1, attempt, { nationalSynced: true });
    await store.recordDelivery(code, 1, attempt, { nationalSynced: true });
    expect((await store.getDeliveryProgress(code)).deliveredSequence).toBe(1);
  });

  it('lists only messages pending since before the cut-off, oldest first', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 1, '2020-01-01T00:00:02.000Z'));
    await store.appendMessage(message(code, 2, '2020-01-01T00:00:01.000Z'));
    await store.appendMessage(message(code, 3, '2030-01-01T00:00:00.000Z'));
    const pending = (await store.listPending('2021-01-01T00:00:00.000Z', 1000)).filter(
      (ref) => ref.dossierCode === code,
    );
    expect(pending.map((ref) => ref.sequence)).toEqual([2, 1]);
  });

  it('records failed attempts with the last error for the dossier view', async () => {
    const code = newDossierCode();
    await store.appendMessage(message(code, 1));
    await store.recordFailedAttempt(
      code,
      1,
      { ...attempt, outcome: 'failed', detail: 'HTTP 503' },
      'accepted',
    );
    expect((await store.listAttempts(code)).get(1)).toEqual([
      { ...attempt, outcome: 'failed', detail: 'HTTP 503' },
    ]);
    expect((await store.getDeliveryProgress(code)).lastError).toBe('HTTP 503');
  });
});
