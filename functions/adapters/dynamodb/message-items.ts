import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dossierStatusSchema } from '../../../contracts/dossier-status';
import {
  type Channel,
  channelKinds,
  type DeliveryAttempt,
  type MessageKind,
  type MessageSummary,
  type StoredMessage,
} from '../../core/dossier-message';
import { GatewayError } from '../../core/gateway-error';
import type { MessageHistory, PendingMessageRef } from '../../ports/dossier-store';
import { isConditionFailure } from './conditional-write';
import { accessPatterns, itemKeys } from './gateway-table';
import { parseItem } from './parse-item';
import { queryAllPages } from './query-pages';
import { queryShardsBefore } from './query-shards-before';
import { expiryOf } from './retention';

/** A message as the relay and admin actions name it. */
export type MessageRef = Pick<MessageSummary, 'channel' | 'dossierCode' | 'sequence'>;

/** What the message and progress item modules of one dossier store share. */
export interface DossierItemsOptions {
  readonly tableName: string;
  readonly pendingShards: number;
  readonly retentionSeconds?: number;
  readonly now: () => Date;
}

/** Bound on query pages: a dossier holds tens of messages; this only stops a runaway loop. */
const MAX_PAGES = 1000;

export const channelSchema = z.enum(Object.keys(channelKinds) as [Channel, ...Channel[]]);
export const messageKindSchema = z.enum(
  Object.values(channelKinds).flat() as [MessageKind, ...MessageKind[]],
);

export const deliveryAttemptSchema = z.object({
  at: z.string(),
  outcome: z.enum(['delivered', 'failed', 'parked', 'held', 'replayed', 'discarded']),
  latencyMs: z.number(),
  detail: z.string(),
}) satisfies z.ZodType<DeliveryAttempt>;

const summaryShape = {
  channel: channelSchema,
  dossierCode: z.string(),
  agencyCode: z.string(),
  sequence: z.number().int(),
  messageId: z.string(),
  kind: messageKindSchema,
  idempotencyKey: z.string(),
  naturalKey: z.string(),
  requestHash: z.string(),
  status: dossierStatusSchema,
  version: z.number().int().optional(),
  acceptedAt: z.string(),
  state: z.enum(['accepted', 'delivered', 'parked', 'held', 'discarded']),
  traceId: z.string(),
  replays: z.number().int().optional(),
};

const messageSummarySchema = z.object(summaryShape) satisfies z.ZodType<MessageSummary>;

const messageHistorySchema = z.object({
  ...summaryShape,
  attempts: z.array(deliveryAttemptSchema).default([]),
}) satisfies z.ZodType<MessageHistory>;

const storedMessageSchema = z.object({
  ...summaryShape,
  payload: z.unknown(),
  originalPayload: z.unknown().optional(),
});

function toStoredMessage(item: Record<string, unknown>): StoredMessage {
  const { originalPayload, ...message } = parseItem(storedMessageSchema, item, 'message');
  return originalPayload === undefined ? message : { ...message, originalPayload };
}

const pendingRefSchema = z.object({
  channel: channelSchema,
  dossierCode: z.string(),
  sequence: z.number().int(),
  pendingSince: z.string(),
}) satisfies z.ZodType<PendingMessageRef>;

/** The summary attributes a history or summary read projects (never the payload). */
const summaryNames = Object.keys(summaryShape);
const projectionOf = (attributes: readonly string[]) => ({
  ProjectionExpression: attributes.map((_, index) => `#a${index}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(attributes.map((name, index) => [`#a${index}`, name])),
});

const appendAttempt = 'attempts = list_append(if_not_exists(attempts, :none), :attempt)';
const leavePending = 'REMOVE pendingShard, pendingSince';

/**
 * Message items: DOSSIER#<code> / MSG#<channel>#<sequence>, one per accepted message, holding
 * its summary, its payload and every delivery attempt. An undelivered message is on the
 * `pendingByShard` list. Every change of a message's state is one update of its item, attempt
 * included, so a reader sees each change whole.
 */
export function createMessageItems(client: DynamoDBDocumentClient, options: DossierItemsOptions) {
  const { tableName } = options;
  const pending = accessPatterns.pendingByShard;
  const pendingEntry = (dossierCode: string, sequence: number, since: string) =>
    pending.entry(dossierCode, options.pendingShards, pending.sortValue(since, dossierCode, sequence));

  function query(dossierCode: string, channel: Channel, attributes: readonly string[]) {
    return queryAllPages(
      client,
      {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': accessPatterns.messagesOfDossier.partition(dossierCode),
          ':prefix': accessPatterns.messagesOfDossier.sortPrefix(channel),
        },
        ...projectionOf(attributes),
        ConsistentRead: true,
      },
      MAX_PAGES,
    );
  }

  /** One update of a message item; `condition` defaults to "the message exists". */
  async function update(
    ref: MessageRef,
    expression: string,
    values: Record<string, unknown>,
    condition = 'attribute_exists(pk)',
  ) {
    const input: UpdateCommandInput = {
      TableName: tableName,
      Key: itemKeys.message(ref.dossierCode, ref.channel, ref.sequence),
      UpdateExpression: expression,
      ConditionExpression: condition,
      // DynamoDB refuses a name that no expression uses.
      ...(`${expression} ${condition}`.includes('#state')
        ? { ExpressionAttributeNames: { '#state': 'state' } }
        : {}),
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    };
    const result = await client.send(new UpdateCommand(input));
    return parseItem(messageSummarySchema, result.Attributes ?? {}, 'message');
  }

  /**
   * Each message item as `get` read it, whole (attributes this code does not know included), so
   * that marking it delivered can Put it back instead of updating it: a plain Put travels with
   * the batch's other writes in one BatchWriteItem (coalesced-item-requests.ts, issue 24).
   */
  const asRead = new WeakMap<object, Record<string, unknown>>();

  /** Moves a message to `state` with the attempt that moved it, in one write. */
  const settle = (ref: MessageRef, state: MessageSummary['state'], attempt: DeliveryAttempt) =>
    update(ref, `SET #state = :state, ${appendAttempt} ${leavePending}`, {
      ':state': state,
      ':none': [],
      ':attempt': [attempt],
    });

  async function listSummaries(channel: Channel, dossierCode: string): Promise<MessageSummary[]> {
    const items = await query(dossierCode, channel, summaryNames);
    return items.map((item) => parseItem(messageSummarySchema, item, 'message'));
  }

  return {
    async append(message: StoredMessage): Promise<void> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...itemKeys.message(message.dossierCode, message.channel, message.sequence),
              ...message,
              ...expiryOf(message.acceptedAt, options.retentionSeconds),
              attempts: [],
              ...pendingEntry(message.dossierCode, message.sequence, message.acceptedAt),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw new GatewayError(
          'sequence.taken',
          `sequence ${message.sequence} of ${message.dossierCode} is taken`,
          { cause: error },
        );
      }
    },

    async get(channel: Channel, dossierCode: string, sequence: number): Promise<StoredMessage | undefined> {
      const result = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: itemKeys.message(dossierCode, channel, sequence),
          ConsistentRead: true,
        }),
      );
      if (!result.Item) return undefined;
      const message = toStoredMessage(result.Item);
      asRead.set(message, result.Item);
      return message;
    },

    listSummaries,

    async listHistory(channel: Channel, dossierCode: string): Promise<MessageHistory[]> {
      const items = await query(dossierCode, channel, [...summaryNames, 'attempts']);
      return items.map((item) => parseItem(messageHistorySchema, item, 'message'));
    },

    /**
     * A message read by `get` and still accepted when read is Put back whole, delivered and off
     * the pending list. Safe without a condition: the caller has just moved the dossier's
     * progress past it with a conditional write, so no other copy delivers it, and nothing else
     * writes an accepted message (admins act on parked and held ones); the item is the one read
     * moments before. Any other message is updated in place, as before. `beside` writes a view of
     * the delivered message (the dossier's listing) in the same turn as the Put-back, so that the
     * two share one BatchWriteItem; after an update, it follows it.
     */
    async markDelivered(
      ref: MessageRef,
      attempt: DeliveryAttempt,
      beside?: (delivered: MessageSummary) => Promise<void>,
    ): Promise<void> {
      const item = asRead.get(ref);
      asRead.delete(ref);
      if (item?.state !== 'accepted') {
        const settled = await settle(ref, 'delivered', attempt);
        await beside?.(settled);
        return;
      }
      const { pendingShard: _shard, pendingSince: _since, ...rest } = item;
      const attempts = Array.isArray(item.attempts) ? item.attempts : [];
      const delivered = { ...rest, state: 'delivered', attempts: [...attempts, attempt] };
      await Promise.all([
        client.send(new PutCommand({ TableName: tableName, Item: delivered })),
        beside?.(parseItem(messageSummarySchema, delivered, 'message')),
      ]);
    },
    park: (ref: MessageRef, attempt: DeliveryAttempt) => settle(ref, 'parked', attempt),
    hold: (ref: MessageRef, attempt: DeliveryAttempt) => settle(ref, 'held', attempt),

    /** A failed attempt: the message stays accepted, and pending. */
    appendAttempt: (ref: MessageRef, attempt: DeliveryAttempt) =>
      update(ref, `SET ${appendAttempt}`, { ':none': [], ':attempt': [attempt] }),

    /** A discarded message was parked, so it is off the pending list already. */
    discard: (ref: MessageRef, attempt: DeliveryAttempt) =>
      update(ref, `SET #state = :state, ${appendAttempt}`, {
        ':state': 'discarded',
        ':none': [],
        ':attempt': [attempt],
      }),

    /** Held messages go back to accepted and pending, each only if still held. */
    async releaseHeld(channel: Channel, dossierCode: string): Promise<MessageSummary[]> {
      const held = (await listSummaries(channel, dossierCode)).filter((message) => message.state === 'held');
      const released: MessageSummary[] = [];
      for (const message of held) {
        const entry = pendingEntry(dossierCode, message.sequence, options.now().toISOString());
        released.push(
          await update(
            message,
            'SET #state = :accepted, pendingShard = :shard, pendingSince = :since',
            {
              ':accepted': 'accepted',
              ':held': 'held',
              ':shard': entry.pendingShard,
              ':since': entry.pendingSince,
            },
            '#state = :held',
          ),
        );
      }
      return released;
    },

    /**
     * A parked message becomes accepted and pending again, its replay counted, its payload
     * possibly edited (the first one kept). Throws 'failedMessage.notParked' if it is not parked.
     */
    async revive(
      ref: MessageRef,
      attempt: DeliveryAttempt,
      editedPayload?: unknown,
    ): Promise<MessageSummary> {
      const entry = pendingEntry(ref.dossierCode, ref.sequence, options.now().toISOString());
      const edit =
        editedPayload === undefined
          ? ''
          : ', originalPayload = if_not_exists(originalPayload, payload), payload = :edited';
      try {
        return await update(
          ref,
          `SET #state = :accepted, replays = if_not_exists(replays, :zero) + :one, pendingShard = :shard, pendingSince = :since, ${appendAttempt}${edit}`,
          {
            ':accepted': 'accepted',
            ':parked': 'parked',
            ':zero': 0,
            ':one': 1,
            ':none': [],
            ':attempt': [attempt],
            ':shard': entry.pendingShard,
            ':since': entry.pendingSince,
            ...(editedPayload === undefined ? {} : { ':edited': editedPayload }),
          },
          '#state = :parked',
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw new GatewayError(
          'failedMessage.notParked',
          `message ${ref.dossierCode}#${ref.sequence} (${ref.channel}) is no longer parked`,
          { cause: error },
        );
      }
    },

    /** Messages pending since before `olderThan`, oldest first, at most `limit`. */
    async listPending(olderThan: string, limit: number): Promise<PendingMessageRef[]> {
      const entries = await queryShardsBefore(client, pending, {
        tableName,
        shards: options.pendingShards,
        before: olderThan,
        limit,
        maxPages: MAX_PAGES,
      });
      return entries
        .map((item) => parseItem(pendingRefSchema, item, 'pending message'))
        .sort((a, b) => (a.pendingSince < b.pendingSince ? -1 : 1));
    },

    /** The oldest pending message's `since`, from the head of every shard. */
    async oldestPendingSince(): Promise<string | undefined> {
      const heads = await Promise.all(
        Array.from({ length: options.pendingShards }, (_, shard) =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: pending.index,
              KeyConditionExpression: `${pending.partitionAttribute} = :shard`,
              ExpressionAttributeValues: { ':shard': pending.partition(shard) },
              Limit: 1,
            }),
          ),
        ),
      );
      const since = heads
        .flatMap((result) => result.Items ?? [])
        .map((item) => parseItem(pendingRefSchema, item, 'pending message').pendingSince.split('#')[0] ?? '')
        .sort();
      return since[0];
    },
  };
}
