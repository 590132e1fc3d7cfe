import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessPatterns,
  gatewayTable,
  indexNamed,
  itemKeys,
  keyAttributeType,
  type TableKey,
} from '../../../../functions/adapters/dynamodb/gateway-table';
import { createDynamoDbDeadlineWatch } from '../../../../functions/adapters/dynamodb-deadline-watch';
import { createDynamoDbDossierStore } from '../../../../functions/adapters/dynamodb-dossier-store';
import { createDynamoDbPaymentStore } from '../../../../functions/adapters/dynamodb-payment-store';
import { localName, provisionTables } from '../../../../infra/local/provision';
import { topology } from '../../../../infra/topology';
import { startTestEmulators, type TestEmulators } from '../../../support/emulators';
import { aPayment, aStoredMessage } from '../../../support/fixtures';

/**
 * The table design (functions/adapters/dynamodb/gateway-table.ts) is what the CDK stack, the
 * local provisioning and the adapters read. These tests fail when any of them drifts from it:
 * the topology's table is the design (here), the synthesized stack's table is the topology's
 * (tests/infra/aws/gateway-stack.test.ts, "tables"), the emulator's table
 * and the adapters' items are checked below.
 */

const keyNames = [
  gatewayTable.partitionKey,
  gatewayTable.sortKey,
  ...gatewayTable.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
];
const expectedAttributes = [...new Set(keyNames)]
  .sort()
  .map((name) => ({ AttributeName: name, AttributeType: keyAttributeType }));
const expectedKeySchema = [
  { AttributeName: gatewayTable.partitionKey, KeyType: 'HASH' },
  { AttributeName: gatewayTable.sortKey, KeyType: 'RANGE' },
];
const expectedIndexes = gatewayTable.indexes
  .map((index) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  }))
  .sort((a, b) => a.IndexName.localeCompare(b.IndexName));

const byName = <T extends { AttributeName?: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => (a.AttributeName ?? '').localeCompare(b.AttributeName ?? ''));
const byIndexName = <T extends { IndexName?: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => (a.IndexName ?? '').localeCompare(b.IndexName ?? ''));

describe('the gateway table design', () => {
  it('is the table the topology declares, so the one the CDK stack creates', () => {
    expect(topology.tables).toEqual([gatewayTable]);
  });

  it('names, in every access pattern that reads an index, an index of the table and its key attributes', () => {
    for (const [name, pattern] of Object.entries(accessPatterns)) {
      if (pattern.index === undefined) continue;
      const index = indexNamed(pattern.index);
      expect(index, name).toBeDefined();
      if ('partitionAttribute' in pattern) {
        expect([pattern.partitionAttribute, pattern.sortAttribute], name).toEqual([
          index.partitionKey,
          index.sortKey,
        ]);
      }
    }
  });

  it('keeps the lists that share the pending index apart: no prefix is a prefix of another', () => {
    const prefixes = Object.values(accessPatterns).flatMap((pattern) =>
      'partitionPrefix' in pattern ? [pattern.partitionPrefix] : [],
    );
    expect(prefixes.sort()).toEqual(['DEADLINE#', 'PAYDUE#', 'PENDING#']);
    for (const prefix of prefixes) {
      expect(prefixes.filter((other) => other.startsWith(prefix))).toEqual([prefix]);
    }
  });

  it('lets each prefix query of a shared partition match its own item kind and no other', () => {
    const code = '000.00.12.H12-250314-0001';
    const dossierItems: Record<string, TableKey[]> = {
      nationalMessages: [itemKeys.message(code, 'national', 1), itemKeys.message(code, 'national', 12)],
      provinceMessages: [itemKeys.message(code, 'province', 1)],
      progress: [itemKeys.deliveryProgress(code, 'national'), itemKeys.deliveryProgress(code, 'province')],
      openSlot: [itemKeys.openPaymentSlot(code)],
      payments: [itemKeys.dossierPayment(code, 'p-1')],
    };
    const all = Object.values(dossierItems).flat();
    const matching = (partition: string, prefix: string) =>
      all.filter((key) => key.pk === partition && key.sk.startsWith(prefix));
    const messages = accessPatterns.messagesOfDossier;
    expect(matching(messages.partition(code), messages.sortPrefix('national'))).toEqual(
      dossierItems.nationalMessages,
    );
    expect(matching(messages.partition(code), messages.sortPrefix('province'))).toEqual(
      dossierItems.provinceMessages,
    );
    const payments = accessPatterns.paymentsOfDossier;
    expect(matching(payments.partition(code), payments.sortPrefix)).toEqual(dossierItems.payments);

    const drift = [itemKeys.driftCursor(), itemKeys.driftFinding(code), itemKeys.driftRun('2025-03-14', 'r')];
    expect(drift.filter((key) => key.sk.startsWith(accessPatterns.driftFindings.sortPrefix))).toEqual([
      drift[1],
    ]);
    expect(drift.filter((key) => key.sk.startsWith(accessPatterns.driftRuns.sortPrefix))).toEqual([drift[2]]);
  });

  it("orders a dossier's message keys by sequence, as numbers", () => {
    const sorted = [9, 10, 100, 2].map((sequence) => itemKeys.message('X', 'national', sequence).sk).sort();
    expect(sorted).toEqual([2, 9, 10, 100].map((sequence) => itemKeys.message('X', 'national', sequence).sk));
  });
});

describe('the table design against the local emulator and the adapters', () => {
  let emulators: TestEmulators;
  const tableName = localName('design', gatewayTable.name);

  beforeAll(async () => {
    emulators = await startTestEmulators();
    await provisionTables(emulators.dynamodb, 'design');
  });
  afterAll(() => emulators.close());

  it('is the table the local runtime provisions', async () => {
    const { Table } = await emulators.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.KeySchema).toEqual(expectedKeySchema);
    expect(byName(Table?.AttributeDefinitions ?? [])).toEqual(expectedAttributes);
    expect(
      byIndexName(
        (Table?.GlobalSecondaryIndexes ?? []).map(({ IndexName, KeySchema, Projection }) => ({
          IndexName,
          KeySchema,
          Projection,
        })),
      ),
    ).toEqual(expectedIndexes);
  });

  it('is where the adapters write: each item kind at its key, each list under its prefix', async () => {
    const store = createDynamoDbDossierStore(emulators.documents, { tableName, pendingShards: 4 });
    const payments = createDynamoDbPaymentStore(emulators.documents, { tableName, dueShards: 4 });
    const read = async (key: TableKey) =>
      (await emulators.documents.send(new GetCommand({ TableName: tableName, Key: key }))).Item;
    const code = '000.00.12.H12-250314-0042';
    const message = aStoredMessage(code, 1, { acceptedAt: '2025-03-14T01:00:00.000Z' });

    await store.appendMessage(message);
    const pendingItem = await read(itemKeys.message(code, 'national', 1));
    expect(pendingItem?.pendingShard).toMatch(/^PENDING#[0-3]$/);
    expect(pendingItem?.pendingSince).toBe(
      accessPatterns.pendingByShard.sortValue(message.acceptedAt, code, 1),
    );

    await store.recordDelivery(
      message,
      { at: '2025-03-14T02:00:00.000Z', outcome: 'delivered', latencyMs: 1, detail: 'ok' },
      { watchDeadline: '2025-03-20T10:00:00.000Z', tracked: { agencyCode: message.agencyCode } },
    );
    expect((await read(itemKeys.message(code, 'national', 1)))?.pendingShard).toBeUndefined();
    const progress = await read(itemKeys.deliveryProgress(code, 'national'));
    expect(progress?.pendingShard).toMatch(/^DEADLINE#[0-3]$/);
    expect(progress?.pendingSince).toBe(
      accessPatterns.deadlinesByShard.sortValue('2025-03-20T10:00:00.000Z', code),
    );
    // Only a dossier with a promised date in its tracked facts can take a notice.
    const watch = createDynamoDbDeadlineWatch(emulators.documents, { tableName, pendingShards: 4 });
    await watch.recordNotice(code, 'overdue', '2025-03-20T10:00:00.000Z');
    expect((await read(itemKeys.deliveryProgress(code, 'national')))?.overdueNoticeFor).toBeUndefined();

    const payment = aPayment({ dossierCode: code });
    await payments.insertPayment(payment, '2025-03-14T03:00:00.000Z');
    const paymentItem = await read(itemKeys.payment(payment.paymentId));
    expect(paymentItem?.pendingShard).toMatch(/^PAYDUE#[0-3]$/);
    expect(paymentItem?.pendingSince).toBe(
      accessPatterns.paymentsDueByShard.sortValue('2025-03-14T03:00:00.000Z', payment.paymentId),
    );

    await store.appendMessage(aStoredMessage(code, 2, { kind: 'dossier.status', messageId: 'm-parked' }));
    await store.parkMessage(
      {
        messageId: 'm-parked',
        queue: 'to-national.fifo',
        channel: 'national',
        dossierCode: code,
        agencyCode: message.agencyCode,
        sequence: 2,
        kind: 'dossier.status',
        reason: 'rejected',
        lastError: 'no',
        attempts: 1,
        parkedAt: '2025-03-14T04:00:00.000Z',
        status: 'parked',
      },
      { at: '2025-03-14T04:00:00.000Z', outcome: 'parked', latencyMs: 1, detail: 'no' },
    );
    expect(await read(itemKeys.failedMessage('m-parked'))).toMatchObject(
      accessPatterns.failedByQueue.entry('to-national.fifo', '2025-03-14T04:00:00.000Z', 'm-parked'),
    );
  });
});
