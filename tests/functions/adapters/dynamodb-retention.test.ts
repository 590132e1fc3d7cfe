import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDossierStore } from '../../../functions/adapters/dynamodb-dossier-store';
import { createDynamoDbNonceStore } from '../../../functions/adapters/dynamodb-nonce-store';
import type { StoredMessage } from '../../../functions/core/dossier-message';
import type { DossierStore } from '../../../functions/ports/dossier-store';
import type { NonceStore } from '../../../functions/ports/nonce-store';
import { localName, provisionTables } from '../../../infra/local/provision';
import { topology } from '../../../infra/topology';
import { startTestEmulators, type TestEmulators } from '../../support/emulators';

const tableName = localName('test', 'gateway');
const retentionSeconds = topology.retention.days * 86_400;
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
let emulators: TestEmulators;
let store: DossierStore;
let nonces: NonceStore;
let nowMs = Date.parse('2025-03-14T05:00:00Z');

beforeAll(async () => {
  emulators = await startTestEmulators();
  await provisionTables(emulators.dynamodb, 'test');
  store = createDynamoDbDossierStore(emulators.documents, {
    tableName,
    pendingShards: topology.outbox.pendingShards,
    retentionSeconds,
    now: () => new Date(nowMs),
  });
  nonces = createDynamoDbNonceStore(emulators.documents, {
    tableName,
    clock: { now: () => new Date(nowMs) },
  });
});
afterAll(() => emulators.close());

const item = async (pk: string, sk: string) =>
  (await emulators.documents.send(new GetCommand({ TableName: tableName, Key: { pk, sk } }))).Item;

const dossierCode = '000.00.12.H12-250314-0099';
const stored: StoredMessage = {
  channel: 'national',
  dossierCode,
  agencyCode: '000.00.12.H12',
  sequence: 1,
  messageId: 'm-1',
  kind: 'dossier.sync',
  idempotencyKey: 'version:1',
  naturalKey: 'version:1',
  requestHash: 'h',
  status: 'received',
  version: 1,
  acceptedAt: '2025-03-14T01:00:00.000Z',
  state: 'accepted',
  traceId: 't',
  payload: { applicant: { idNumber: '001203004567' } },
};

describe('retention (DynamoDB TTL on expiresAt)', () => {
  it(`gives a message, its failed record and the delivery progress an expiresAt ${topology.retention.days} days on`, async () => {
    expect(topology.tables[0]?.ttlAttribute).toBe('expiresAt');
    await store.appendMessage(stored);
    const message = await item(`DOSSIER#${dossierCode}`, 'MSG#national#0000000001');
    expect(message?.expiresAt).toBe(epoch(stored.acceptedAt) + retentionSeconds);

    const parkedAt = '2025-03-14T04:00:00.000Z';
    await store.parkMessage(
      {
        messageId: 'm-1',
        queue: 'to-national.fifo',
        channel: 'national',
        dossierCode,
        agencyCode: '000.00.12.H12',
        sequence: 1,
        kind: 'dossier.sync',
        reason: 'rejected',
        lastError: 'error_code 500',
        attempts: 1,
        parkedAt,
        status: 'parked',
      },
      { at: parkedAt, outcome: 'parked', latencyMs: 1, detail: 'rejected' },
    );
    expect((await item('FAILED#m-1', 'FAILED'))?.expiresAt).toBe(epoch(parkedAt) + retentionSeconds);
    // Progress is pushed forward on every write, so it outlives every message of the dossier.
    expect((await item(`DOSSIER#${dossierCode}`, 'PROGRESS#national'))?.expiresAt).toBe(
      Math.floor(nowMs / 1000) + retentionSeconds,
    );
  });

  it('keeps the storage attribute out of what the store returns', async () => {
    expect(await store.getMessage('national', dossierCode, 1)).not.toHaveProperty('expiresAt');
    expect(await store.getFailedMessage('m-1')).not.toHaveProperty('expiresAt');
    expect(await store.getDeliveryProgress('national', dossierCode)).not.toHaveProperty('expiresAt');
  });
});

describe('DynamoDB nonce store', () => {
  it('lets a key be claimed once until it expires, and again after a release', async () => {
    const expiresAt = new Date(nowMs + 60_000);
    expect(await nonces.claim('push:msg_1:1', expiresAt)).toBe(true);
    expect(await nonces.claim('push:msg_1:1', expiresAt)).toBe(false);
    expect(await nonces.claim('push:msg_2:1', expiresAt)).toBe(true);
    await nonces.release('push:msg_2:1');
    expect(await nonces.claim('push:msg_2:1', expiresAt)).toBe(true);
    expect((await item('NONCE#push:msg_1:1', 'NONCE'))?.expiresAt).toBe(
      Math.ceil(expiresAt.getTime() / 1000),
    );
  });

  it('treats an expired nonce as free before TTL has deleted it', async () => {
    expect(await nonces.claim('push:msg_3:1', new Date(nowMs + 1000))).toBe(true);
    nowMs += 2000;
    expect(await nonces.claim('push:msg_3:1', new Date(nowMs + 1000))).toBe(true);
  });
});
