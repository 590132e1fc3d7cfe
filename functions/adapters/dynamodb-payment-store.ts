import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Payment } from '../core/payment';
import { vietnamDay } from '../core/vietnam-time';
import type { DuePayment, OpenPaymentSlot, PaymentStore } from '../ports/payment-store';

/**
 * Payments in the gateway's single table (access patterns named by intent):
 *   PAYMENT#<paymentId> / PAYMENT             the payment: state, lines, payer, outcome
 *   PAYKEY#<clientId>#<key> / PAYKEY          an Idempotency-Key of POST /v1/payments
 *   DOSSIER#<code> / PAYMENT_OPEN             the dossier's one open payment (initiating or pending)
 *   DOSSIER#<code> / PAYMENT#<paymentId>      lists a dossier's payments
 *   PAYDAY#<yyyy-MM-dd> / PAYMENT#<paymentId> lists a Vietnam day's payments, for reconciliation
 * A payment the status poller must look at carries pendingShard = PAYDUE#<n> and
 * pendingSince = <dueAt>#<paymentId>: the same sparse `pending` index as the outbox, under
 * partition values the outbox never reads (it reads PENDING#<n>). Being on the index is part
 * of the payment item, so it changes in the same conditional write as the state.
 */
export interface DynamoDbPaymentStoreOptions {
  readonly tableName: string;
  readonly dueShards: number;
}

const MAX_PAGES = 1000;
const BATCH_GET_LIMIT = 100;
const paymentKey = (paymentId: string) => ({ pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' });
const keyClaimKey = (clientId: string, key: string) => ({ pk: `PAYKEY#${clientId}#${key}`, sk: 'PAYKEY' });
const openSlotKey = (dossierCode: string) => ({ pk: `DOSSIER#${dossierCode}`, sk: 'PAYMENT_OPEN' });
const DUE_PREFIX = 'PAYDUE#';
const storageOnly = new Set(['pk', 'sk', 'pendingShard', 'pendingSince', 'recordedKeys']);

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as Error)?.name === 'ConditionalCheckFailedException'
  );
}

function toPayment(item: Record<string, unknown>): Payment {
  return Object.fromEntries(
    Object.entries(item).filter(([key]) => !storageOnly.has(key)),
  ) as unknown as Payment;
}

function dueShardOf(paymentId: string, shards: number): string {
  let hash = 0;
  for (const character of paymentId) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return `${DUE_PREFIX}${hash % shards}`;
}

export function createDynamoDbPaymentStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbPaymentStoreOptions,
): PaymentStore {
  const { tableName } = options;
  const dueAttributes = (paymentId: string, dueAt: string) => ({
    pendingShard: dueShardOf(paymentId, options.dueShards),
    pendingSince: `${dueAt}#${paymentId}`,
  });

  async function getPayment(paymentId: string): Promise<Payment | undefined> {
    const result = await client.send(
      new GetCommand({ TableName: tableName, Key: paymentKey(paymentId), ConsistentRead: true }),
    );
    return result.Item ? toPayment(result.Item) : undefined;
  }

  async function getPayments(paymentIds: readonly string[]): Promise<Payment[]> {
    const found = new Map<string, Payment>();
    for (let start = 0; start < paymentIds.length; start += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = paymentIds.slice(start, start + BATCH_GET_LIMIT).map(paymentKey);
      for (let round = 0; keys.length > 0 && round < MAX_PAGES; round += 1) {
        const result = await client.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[tableName] ?? []) {
          const payment = toPayment(item);
          found.set(payment.paymentId, payment);
        }
        keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    // Index entries written before a crash may name a payment that was never stored: skipped.
    return paymentIds.flatMap((paymentId) => {
      const payment = found.get(paymentId);
      return payment ? [payment] : [];
    });
  }

  async function listIndexed(pk: string): Promise<string[]> {
    const ids: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': 'PAYMENT#' },
          ProjectionExpression: 'paymentId',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      ids.push(...(result.Items ?? []).map((item) => item.paymentId as string));
      startKey = result.LastEvaluatedKey;
      if (!startKey) return ids;
    }
    throw new Error(`query of ${pk} did not finish within ${MAX_PAGES} pages`);
  }

  return {
    getPayment,

    async claimKey(clientId, key, claim) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keyClaimKey(clientId, key), ...claim },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { paymentId: claim.paymentId, requestHash: claim.requestHash };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const existing = await client.send(
          new GetCommand({ TableName: tableName, Key: keyClaimKey(clientId, key), ConsistentRead: true }),
        );
        return {
          paymentId: existing.Item?.paymentId as string,
          requestHash: existing.Item?.requestHash as string,
        };
      }
    },

    async repointKey(clientId, key, from, to) {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyClaimKey(clientId, key),
            UpdateExpression: 'SET paymentId = :to',
            ConditionExpression: 'paymentId = :from',
            ExpressionAttributeValues: { ':from': from, ':to': to },
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    },

    async takeOpenSlot(dossierCode, slot) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...openSlotKey(dossierCode), ...slot },
            ConditionExpression: 'attribute_not_exists(pk) OR paymentId = :mine',
            ExpressionAttributeValues: { ':mine': slot.paymentId },
          }),
        );
        return slot;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const holder = await client.send(
          new GetCommand({ TableName: tableName, Key: openSlotKey(dossierCode), ConsistentRead: true }),
        );
        const { pk: _pk, sk: _sk, ...rest } = holder.Item ?? {};
        return rest as unknown as OpenPaymentSlot;
      }
    },

    async releaseOpenSlot(dossierCode, paymentId) {
      await client
        .send(
          new DeleteCommand({
            TableName: tableName,
            Key: openSlotKey(dossierCode),
            ConditionExpression: 'paymentId = :mine',
            ExpressionAttributeValues: { ':mine': paymentId },
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    },

    async indexPayment(payment) {
      const entry = { paymentId: payment.paymentId, reference: payment.reference };
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: `DOSSIER#${payment.dossierCode}`, sk: `PAYMENT#${payment.paymentId}`, ...entry },
        }),
      );
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: `PAYDAY#${vietnamDay(new Date(payment.createdAt))}`,
            sk: `PAYMENT#${payment.paymentId}`,
            ...entry,
          },
        }),
      );
    },

    async insertPayment(payment, dueAt) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...paymentKey(payment.paymentId),
              ...payment,
              ...dueAttributes(payment.paymentId, dueAt),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async updatePayment(paymentId, expected, changes) {
      const names: Record<string, string> = { '#state': 'state' };
      const values: Record<string, unknown> = { ':expected': expected.state };
      const sets: string[] = [];
      const removes: string[] = [];
      let index = 0;
      for (const [field, value] of Object.entries(changes)) {
        if (value === undefined || field === 'dueAt') continue;
        index += 1;
        names[`#f${index}`] = field;
        values[`:v${index}`] = value;
        sets.push(`#f${index} = :v${index}`);
      }
      if (changes.dueAt === null) removes.push('pendingShard', 'pendingSince');
      if (typeof changes.dueAt === 'string') {
        const due = dueAttributes(paymentId, changes.dueAt);
        sets.push('pendingShard = :dueShard', 'pendingSince = :dueSince');
        values[':dueShard'] = due.pendingShard;
        values[':dueSince'] = due.pendingSince;
      }
      let condition = 'attribute_exists(pk) AND #state = :expected';
      if (expected.initiatingSince !== undefined) {
        condition += ' AND initiatingSince = :since';
        values[':since'] = expected.initiatingSince;
      }
      const update = [
        sets.length ? `SET ${sets.join(', ')}` : '',
        removes.length ? `REMOVE ${removes.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      if (!update) return getPayment(paymentId);
      try {
        const result = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: paymentKey(paymentId),
            UpdateExpression: update,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toPayment(result.Attributes ?? {});
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    async recordOutcome(paymentId, key, outcome) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: paymentKey(paymentId),
            UpdateExpression:
              'SET recordedOutcomes = list_append(if_not_exists(recordedOutcomes, :none), :outcome) ADD recordedKeys :keys',
            ConditionExpression: 'attribute_exists(pk) AND NOT contains(recordedKeys, :key)',
            ExpressionAttributeValues: {
              ':none': [],
              ':outcome': [outcome],
              ':keys': new Set([key]),
              ':key': key,
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async listDue(dueBefore, limit) {
      const due: DuePayment[] = [];
      for (let shard = 0; shard < options.dueShards && due.length < limit; shard += 1) {
        let startKey: Record<string, unknown> | undefined;
        for (let page = 0; page < MAX_PAGES && due.length < limit; page += 1) {
          const result = await client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'pending',
              KeyConditionExpression: 'pendingShard = :shard AND pendingSince < :before',
              ExpressionAttributeValues: { ':shard': `${DUE_PREFIX}${shard}`, ':before': dueBefore },
              Limit: limit - due.length,
              ExclusiveStartKey: startKey,
            }),
          );
          for (const item of result.Items ?? []) {
            due.push({
              paymentId: item.paymentId as string,
              dueAt: String(item.pendingSince).split('#')[0] ?? '',
            });
          }
          startKey = result.LastEvaluatedKey;
          if (!startKey) break;
        }
      }
      return due.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
    },

    async listDossierPayments(dossierCode) {
      return getPayments(await listIndexed(`DOSSIER#${dossierCode}`));
    },

    async listDayPayments(day) {
      return getPayments(await listIndexed(`PAYDAY#${day}`));
    },
  };
}
