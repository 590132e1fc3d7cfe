import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Payment, RecordedOutcome } from '../../core/payment';
import type { DuePayment, ExpectedPayment, PaymentChanges } from '../../ports/payment-store';
import { isConditionFailure, writeIfCondition } from './conditional-write';
import { accessPatterns, itemKeys } from './gateway-table';
import { parseItem } from './parse-item';
import { queryShardsBefore } from './query-shards-before';
import { readItem } from './read-item';

export interface PaymentItemsOptions {
  readonly tableName: string;
  readonly dueShards: number;
}

const MAX_PAGES = 1000;
const BATCH_GET_LIMIT = 100;

const recordedOutcomeSchema = z.object({
  at: z.string(),
  event: z.string(),
  detail: z.string(),
}) satisfies z.ZodType<RecordedOutcome>;

const paymentSchema = z.object({
  paymentId: z.string(),
  reference: z.string(),
  dossierCode: z.string(),
  agencyCode: z.string(),
  procedureCode: z.string().optional(),
  procedureName: z.string().optional(),
  clientId: z.string(),
  idempotencyKey: z.string().optional(),
  requestHash: z.string(),
  amount: z.number(),
  lines: z.array(z.object({ code: z.string(), name: z.string(), amount: z.number() })),
  payer: z.object({ name: z.string(), idNumber: z.string().optional(), address: z.string().optional() }),
  beneficiary: z
    .object({ accountNumber: z.string(), bankCode: z.string(), accountName: z.string() })
    .optional(),
  returnUrl: z.string(),
  description: z.string().optional(),
  state: z.enum(['initiating', 'pending', 'paid', 'failed', 'expired']),
  createdAt: z.string(),
  initiatingSince: z.string(),
  paymentUrl: z.string().optional(),
  // The payer's deadline (ISO), not the table's TTL attribute of the same name: TTL ignores a
  // string, so payments never expire by TTL.
  expiresAt: z.string().optional(),
  platformTransactionId: z.string().optional(),
  bankCode: z.string().optional(),
  failureCode: z.string().optional(),
  settledAt: z.string().optional(),
  stateChangedAt: z.string().optional(),
  initiationError: z.object({ code: z.string(), message: z.string() }).optional(),
  relayPending: z.boolean().optional(),
  recordedOutcomes: z.array(recordedOutcomeSchema).optional(),
}) satisfies z.ZodType<Payment>;

const toPayment = (item: Record<string, unknown>) => parseItem(paymentSchema, item, 'payment');

const dueEntrySchema = z.object({ paymentId: z.string(), pendingSince: z.string() });

/**
 * Payment items: PAYMENT#<paymentId> / PAYMENT, the payment with its state, lines, payer and
 * outcome. A payment the status poller must look at is on the `paymentsDueByShard` list; being
 * on it is part of the item, so it changes in the same conditional write as the state.
 */
export function createPaymentItems(client: DynamoDBDocumentClient, options: PaymentItemsOptions) {
  const { tableName } = options;
  const due = accessPatterns.paymentsDueByShard;
  const dueEntry = (paymentId: string, dueAt: string) =>
    due.entry(paymentId, options.dueShards, due.sortValue(dueAt, paymentId));

  const get = (paymentId: string): Promise<Payment | undefined> =>
    readItem(client, tableName, itemKeys.payment(paymentId), toPayment);

  return {
    get,

    /** The payments that exist among `paymentIds`, in that order (a listing may name one never stored). */
    async getMany(paymentIds: readonly string[]): Promise<Payment[]> {
      const found = new Map<string, Payment>();
      for (let start = 0; start < paymentIds.length; start += BATCH_GET_LIMIT) {
        let keys: Record<string, unknown>[] = paymentIds
          .slice(start, start + BATCH_GET_LIMIT)
          .map(itemKeys.payment);
        for (let round = 0; keys.length > 0 && round < MAX_PAGES; round += 1) {
          const result = await client.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
          );
          for (const item of result.Responses?.[tableName] ?? []) {
            const payment = toPayment(item);
            found.set(payment.paymentId, payment);
          }
          keys = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
        }
      }
      return paymentIds.flatMap((paymentId) => {
        const payment = found.get(paymentId);
        return payment ? [payment] : [];
      });
    },

    /** Stores a new payment, due for the poller at `dueAt`; false if one with its id exists. */
    insert(payment: Payment, dueAt: string): Promise<boolean> {
      return writeIfCondition(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...itemKeys.payment(payment.paymentId),
              ...payment,
              ...dueEntry(payment.paymentId, dueAt),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    },

    /** One conditional update; the payment as updated, or undefined if it was not as expected. */
    async update(
      paymentId: string,
      expected: ExpectedPayment,
      changes: PaymentChanges,
    ): Promise<Payment | undefined> {
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
      if (changes.dueAt === null) removes.push(due.partitionAttribute, due.sortAttribute);
      if (typeof changes.dueAt === 'string') {
        const entry = dueEntry(paymentId, changes.dueAt);
        sets.push(`${due.partitionAttribute} = :dueShard`, `${due.sortAttribute} = :dueSince`);
        values[':dueShard'] = entry.pendingShard;
        values[':dueSince'] = entry.pendingSince;
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
      if (!update) return get(paymentId);
      try {
        const result = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: itemKeys.payment(paymentId),
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

    /** Keeps an outcome that was not applied; false if one with the same key was kept already. */
    recordOutcome(paymentId: string, key: string, outcome: RecordedOutcome): Promise<boolean> {
      return writeIfCondition(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: itemKeys.payment(paymentId),
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
        ),
      );
    },

    /** Payments due before `dueBefore`, oldest first, at most `limit`. */
    async listDue(dueBefore: string, limit: number): Promise<DuePayment[]> {
      const entries = await queryShardsBefore(client, due, {
        tableName,
        shards: options.dueShards,
        before: dueBefore,
        limit,
        maxPages: MAX_PAGES,
      });
      return entries
        .map((item) => {
          const entry = parseItem(dueEntrySchema, item, 'due payment');
          return { paymentId: entry.paymentId, dueAt: entry.pendingSince.split('#')[0] ?? '' };
        })
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
    },
  };
}
