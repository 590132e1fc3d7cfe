import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  Channel,
  DeliveryAttempt,
  DeliveryProgress,
  FailedMessage,
  MessageSummary,
  StoredMessage,
} from '../core/dossier-message';
import { noDeliveryYet } from '../core/dossier-message';
import { GatewayError } from '../core/gateway-error';
import type { DossierStore, PendingMessageRef } from '../ports/dossier-store';
import { queryAllPages } from './dynamodb-pages';

/**
 * Single-table layout (access patterns named by intent):
 *   DOSSIER#<code> / MSG#<channel>#<sequence>  one accepted message, its payload, its attempts
 *   DOSSIER#<code> / PROGRESS#<channel>        what the relay has delivered so far; the national
 *                                              one also what deadlines and indicators track
 *   FAILED#<messageId> / FAILED                a parked message as admins see it
 * Undelivered messages carry pendingShard/pendingSince, feeding the sparse `pending` index the
 * sweeper reads; failed records carry failedQueue/failedAt, feeding the `failed` index.
 */
export interface DynamoDbDossierStoreOptions {
  readonly tableName: string;
  readonly pendingShards: number;
  readonly now?: () => Date;
  /**
   * How long messages, failed records and delivery progress are kept: each gets `expiresAt`
   * (the table's TTL attribute, epoch seconds) this long after it is written
   * (topology.retention, docs/adr/0006-retention-by-ttl.md). Absent: kept forever.
   */
  readonly retentionSeconds?: number;
}

const SEQUENCE_WIDTH = 10;
/** Bound on query pages: a dossier holds tens of messages; this only stops a runaway loop. */
const MAX_PAGES = 1000;
const dossierKey = (dossierCode: string) => `DOSSIER#${dossierCode}`;
const messagePrefix = (channel: Channel) => `MSG#${channel}#`;
const messageKey = (channel: Channel, sequence: number) =>
  `${messagePrefix(channel)}${String(sequence).padStart(SEQUENCE_WIDTH, '0')}`;
const progressKey = (channel: Channel) => `PROGRESS#${channel}`;
const failedKey = (messageId: string) => ({ pk: `FAILED#${messageId}`, sk: 'FAILED' });

const summaryAttributes = [
  'channel',
  'dossierCode',
  'agencyCode',
  '#sequence',
  'messageId',
  'kind',
  'idempotencyKey',
  'naturalKey',
  'requestHash',
  '#status',
  'version',
  'acceptedAt',
  '#state',
  'traceId',
  'replays',
].join(', ');
const summaryAttributeNames = { '#sequence': 'sequence', '#status': 'status', '#state': 'state' };
const storageOnly = [
  'pk',
  'sk',
  'payload',
  'originalPayload',
  'attempts',
  'pendingShard',
  'pendingSince',
  'expiresAt',
];

function shardOf(dossierCode: string, shards: number): number {
  let hash = 0;
  for (const character of dossierCode) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return hash % shards;
}

function pendingShardOf(dossierCode: string, shards: number): string {
  return `PENDING#${shardOf(dossierCode, shards)}`;
}

/** Dossiers whose promised date is watched, spread like pending messages (read by the deadline watch). */
export const deadlineShard = (shard: number) => `DEADLINE#${shard}`;

function deadlineShardOf(dossierCode: string, shards: number): string {
  return deadlineShard(shardOf(dossierCode, shards));
}

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as Error)?.name === 'ConditionalCheckFailedException'
  );
}

function toSummary(item: Record<string, unknown>): MessageSummary {
  return Object.fromEntries(
    Object.entries(item).filter(([key]) => !storageOnly.includes(key)),
  ) as unknown as MessageSummary;
}

function toFailed(item: Record<string, unknown>): FailedMessage {
  const { pk: _pk, sk: _sk, failedQueue: _queue, failedAt: _at, expiresAt: _expires, ...failed } = item;
  return failed as unknown as FailedMessage;
}

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new GatewayError('request.invalid', 'Con trỏ trang không hợp lệ / Invalid cursor', {
      fieldErrors: [{ path: '$.cursor', message: 'not a cursor this API returned' }],
      cause: error,
    });
  }
}

export function createDynamoDbDossierStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbDossierStoreOptions,
): DossierStore {
  const { tableName } = options;
  const now = options.now ?? (() => new Date());
  /** `expiresAt` for an item written at `at`; empty when nothing expires. */
  const expiry = (at: string | Date = now()): { expiresAt?: number } =>
    options.retentionSeconds === undefined
      ? {}
      : { expiresAt: Math.floor(new Date(at).getTime() / 1000) + options.retentionSeconds };
  /** The same for an update: progress is pushed forward on every write, so it outlives its messages. */
  const expirySet = (): { clause: string; values: Record<string, number> } => {
    const { expiresAt } = expiry();
    return expiresAt === undefined
      ? { clause: '', values: {} }
      : { clause: ', expiresAt = :expiresAt', values: { ':expiresAt': expiresAt } };
  };
  const pendingAttributes = (dossierCode: string, sequence: number, since: string) => ({
    ':shard': pendingShardOf(dossierCode, options.pendingShards),
    ':since': `${since}#${dossierCode}#${sequence}`,
  });

  const queryAll = (input: QueryCommandInput) => queryAllPages(client, input, MAX_PAGES);

  async function listMessages(channel: Channel, dossierCode: string): Promise<MessageSummary[]> {
    const items = await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
      ExpressionAttributeValues: { ':pk': dossierKey(dossierCode), ':msg': messagePrefix(channel) },
      ProjectionExpression: summaryAttributes,
      ExpressionAttributeNames: summaryAttributeNames,
      ConsistentRead: true,
    });
    return items.map(toSummary);
  }

  async function getDeliveryProgress(channel: Channel, dossierCode: string): Promise<DeliveryProgress> {
    const result = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: dossierKey(dossierCode), sk: progressKey(channel) },
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return noDeliveryYet;
    const {
      pk: _pk,
      sk: _sk,
      expiresAt: _expires,
      pendingShard: _shard,
      pendingSince: _since,
      ...progress
    } = result.Item;
    return { ...noDeliveryYet, ...progress } as DeliveryProgress;
  }

  async function updateMessage(
    channel: Channel,
    dossierCode: string,
    sequence: number,
    update: string,
    values: Record<string, unknown>,
    condition = 'attribute_exists(pk)',
  ) {
    // DynamoDB refuses names and values an expression does not use; pass only those it does.
    const expressions = `${update} ${condition}`;
    const used = <T>(entries: Record<string, T>) =>
      Object.fromEntries(
        Object.entries(entries).filter(([key]) => new RegExp(`${key}\\b`).test(expressions)),
      );
    const names = used({ '#state': 'state' });
    return client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: dossierKey(dossierCode), sk: messageKey(channel, sequence) },
        UpdateExpression: update,
        ConditionExpression: condition,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: used({ ':none': [], ...values }),
        ReturnValues: 'ALL_NEW',
      }),
    );
  }

  const appendAttempt = 'attempts = list_append(if_not_exists(attempts, :none), :attempt)';

  async function setFailedStatus(messageId: string, status: FailedMessage['status']) {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: failedKey(messageId),
        UpdateExpression: 'SET #status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
      }),
    );
  }

  return {
    listMessages,

    async getMessage(channel, dossierCode, sequence) {
      const result = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: dossierKey(dossierCode), sk: messageKey(channel, sequence) },
          ConsistentRead: true,
        }),
      );
      if (!result.Item) return undefined;
      return {
        ...toSummary(result.Item),
        payload: result.Item.payload,
        ...(result.Item.originalPayload === undefined
          ? {}
          : { originalPayload: result.Item.originalPayload }),
      } as StoredMessage;
    },

    async appendMessage(message) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              pk: dossierKey(message.dossierCode),
              sk: messageKey(message.channel, message.sequence),
              ...message,
              ...expiry(message.acceptedAt),
              attempts: [],
              pendingShard: pendingShardOf(message.dossierCode, options.pendingShards),
              pendingSince: `${message.acceptedAt}#${message.dossierCode}#${message.sequence}`,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) {
          throw new GatewayError(
            'sequence.taken',
            `sequence ${message.sequence} of ${message.dossierCode} is taken`,
            {
              cause: error,
            },
          );
        }
        throw error;
      }
    },

    getDeliveryProgress,

    async recordDelivery({ channel, dossierCode, sequence }, attempt, progress) {
      // Progress first: if the process dies before the message row is updated, the message
      // still looks pending, the sweeper re-enqueues it, and the relay sees a duplicate and
      // tidies the row. The other order could leave progress behind forever.
      const sets = ['deliveredSequence = :sequence', 'lastSyncedAt = :at'];
      const values: Record<string, unknown> = {
        ':sequence': sequence,
        ':previous': sequence - 1,
        ':at': progress.lastSyncedAt ?? attempt.at,
      };
      if (progress.nationalSynced !== undefined) {
        sets.push('nationalSynced = :synced');
        values[':synced'] = progress.nationalSynced;
      }
      if (progress.nationalStatus) {
        sets.push('nationalStatus = :nationalStatus');
        values[':nationalStatus'] = progress.nationalStatus;
      }
      if (progress.tracked) {
        sets.push('tracked = :tracked');
        values[':tracked'] = progress.tracked;
      }
      const removes = ['lastError'];
      if (progress.watchDeadline) {
        // The progress item itself joins the `pending` index, under its own shards, ordered by
        // its promised date: the deadline watch reads what falls due from there.
        sets.push('pendingShard = :deadlineShard', 'pendingSince = :deadlineSince');
        values[':deadlineShard'] = deadlineShardOf(dossierCode, options.pendingShards);
        values[':deadlineSince'] = `${progress.watchDeadline}#${dossierCode}`;
      } else if (progress.watchDeadline === null) {
        removes.push('pendingShard', 'pendingSince');
      }
      const progressExpiry = expirySet();
      Object.assign(values, progressExpiry.values);
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: dossierKey(dossierCode), sk: progressKey(channel) },
            UpdateExpression: `SET ${sets.join(', ')}${progressExpiry.clause} REMOVE ${removes.join(', ')}`,
            ConditionExpression:
              sequence === 1
                ? 'attribute_not_exists(deliveredSequence) OR deliveredSequence = :previous'
                : 'deliveredSequence = :previous',
            ExpressionAttributeValues: values,
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const current = await getDeliveryProgress(channel, dossierCode);
        if (current.deliveredSequence < sequence) {
          throw new GatewayError(
            'sequence.taken',
            `cannot mark ${dossierCode}#${sequence} delivered after #${current.deliveredSequence}`,
            { cause: error },
          );
        }
      }
      await updateMessage(
        channel,
        dossierCode,
        sequence,
        `SET #state = :delivered, ${appendAttempt} REMOVE pendingShard, pendingSince`,
        { ':delivered': 'delivered', ':attempt': [attempt] },
      );
    },

    async recordFirstStep({ channel, dossierCode, sequence }) {
      const progressExpiry = expirySet();
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: dossierKey(dossierCode), sk: progressKey(channel) },
            UpdateExpression: `SET firstStepSequence = :sequence${progressExpiry.clause}`,
            // Only while `sequence` is the next to deliver: a copy that lost the race writes nothing.
            ConditionExpression:
              sequence === 1
                ? 'attribute_not_exists(deliveredSequence) OR deliveredSequence = :previous'
                : 'deliveredSequence = :previous',
            ExpressionAttributeValues: {
              ':sequence': sequence,
              ':previous': sequence - 1,
              ...progressExpiry.values,
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async recordFailedAttempt({ channel, dossierCode, sequence }, attempt) {
      await updateMessage(channel, dossierCode, sequence, `SET ${appendAttempt}`, { ':attempt': [attempt] });
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: dossierKey(dossierCode), sk: progressKey(channel) },
          UpdateExpression: `SET lastError = :error${expirySet().clause}`,
          ExpressionAttributeValues: { ':error': attempt.detail, ...expirySet().values },
        }),
      );
    },

    async parkMessage(failed, attempt) {
      await updateMessage(
        failed.channel,
        failed.dossierCode,
        failed.sequence,
        `SET #state = :parked, ${appendAttempt} REMOVE pendingShard, pendingSince`,
        { ':parked': 'parked', ':attempt': [attempt] },
      );
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: dossierKey(failed.dossierCode), sk: progressKey(failed.channel) },
            UpdateExpression: `SET parkedSequence = :sequence, lastError = :error${expirySet().clause}`,
            ConditionExpression: 'attribute_not_exists(parkedSequence) OR parkedSequence > :sequence',
            ExpressionAttributeValues: {
              ':sequence': failed.sequence,
              ':error': failed.lastError,
              ...expirySet().values,
            },
          }),
        );
      } catch (error) {
        // An earlier message of the dossier is parked already; this one waits behind it too.
        if (!isConditionFailure(error)) throw error;
      }
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...failedKey(failed.messageId),
            ...failed,
            ...expiry(failed.parkedAt),
            failedQueue: failed.queue,
            failedAt: `${failed.parkedAt}#${failed.messageId}`,
          },
        }),
      );
    },

    async holdMessage({ channel, dossierCode, sequence }, attempt) {
      await updateMessage(
        channel,
        dossierCode,
        sequence,
        `SET #state = :held, ${appendAttempt} REMOVE pendingShard, pendingSince`,
        { ':held': 'held', ':attempt': [attempt] },
      );
    },

    async releaseHeld(channel, dossierCode) {
      const held = (await listMessages(channel, dossierCode)).filter((message) => message.state === 'held');
      const released: MessageSummary[] = [];
      for (const message of held) {
        const result = await updateMessage(
          channel,
          dossierCode,
          message.sequence,
          'SET #state = :accepted, pendingShard = :shard, pendingSince = :since',
          {
            ':accepted': 'accepted',
            ':held': 'held',
            ...pendingAttributes(dossierCode, message.sequence, now().toISOString()),
          },
          '#state = :held',
        );
        released.push(toSummary(result.Attributes ?? {}));
      }
      return released;
    },

    async reviveParked(failed, attempt, editedPayload) {
      const edit =
        editedPayload === undefined
          ? ''
          : ', originalPayload = if_not_exists(originalPayload, payload), payload = :edited';
      let result: Awaited<ReturnType<typeof updateMessage>>;
      try {
        result = await updateMessage(
          failed.channel,
          failed.dossierCode,
          failed.sequence,
          `SET #state = :accepted, replays = if_not_exists(replays, :zero) + :one, pendingShard = :shard, pendingSince = :since, ${appendAttempt}${edit}`,
          {
            ':accepted': 'accepted',
            ':parked': 'parked',
            ':zero': 0,
            ':one': 1,
            ':attempt': [attempt],
            ...pendingAttributes(failed.dossierCode, failed.sequence, now().toISOString()),
            ...(editedPayload === undefined ? {} : { ':edited': editedPayload }),
          },
          '#state = :parked',
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw new GatewayError('failedMessage.notParked', `message ${failed.messageId} is no longer parked`, {
          cause: error,
        });
      }
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: dossierKey(failed.dossierCode), sk: progressKey(failed.channel) },
            UpdateExpression: 'REMOVE parkedSequence',
            ConditionExpression: 'parkedSequence = :sequence',
            ExpressionAttributeValues: { ':sequence': failed.sequence },
          }),
        )
        .catch((error: unknown) => {
          // Another parked message of the dossier (an earlier one) still blocks; keep that block.
          if (!isConditionFailure(error)) throw error;
        });
      await setFailedStatus(failed.messageId, 'replayed');
      return toSummary(result.Attributes ?? {});
    },

    async discardParked(failed, attempt) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: dossierKey(failed.dossierCode), sk: progressKey(failed.channel) },
            UpdateExpression: 'SET deliveredSequence = :sequence REMOVE parkedSequence',
            ConditionExpression:
              failed.sequence === 1
                ? 'parkedSequence = :sequence AND (attribute_not_exists(deliveredSequence) OR deliveredSequence = :previous)'
                : 'parkedSequence = :sequence AND deliveredSequence = :previous',
            ExpressionAttributeValues: { ':sequence': failed.sequence, ':previous': failed.sequence - 1 },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw new GatewayError(
          'failedMessage.notParked',
          `message ${failed.messageId} is not the dossier's parked head; replay or discard earlier messages first`,
          { cause: error },
        );
      }
      await updateMessage(
        failed.channel,
        failed.dossierCode,
        failed.sequence,
        `SET #state = :discarded, ${appendAttempt}`,
        {
          ':discarded': 'discarded',
          ':attempt': [attempt],
        },
      );
      await setFailedStatus(failed.messageId, 'discarded');
    },

    async getFailedMessage(messageId) {
      const result = await client.send(
        new GetCommand({ TableName: tableName, Key: failedKey(messageId), ConsistentRead: true }),
      );
      return result.Item ? toFailed(result.Item) : undefined;
    },

    async listFailedMessages(query) {
      const filters: string[] = [];
      const values: Record<string, unknown> = { ':queue': query.queue };
      const names: Record<string, string> = {};
      for (const [field, value] of [
        ['dossierCode', query.dossierCode],
        ['agencyCode', query.agencyCode],
        ['reason', query.reason],
        ['status', query.status],
      ] as const) {
        if (value === undefined) continue;
        filters.push(`#${field} = :${field}`);
        names[`#${field}`] = field;
        values[`:${field}`] = value;
      }
      let keyCondition = 'failedQueue = :queue';
      if (query.before) {
        keyCondition += query.from ? ' AND failedAt BETWEEN :from AND :before' : ' AND failedAt < :before';
        values[':before'] = query.before < `${query.to ?? '9999'}~` ? query.before : `${query.to ?? '9999'}~`;
        if (query.from) values[':from'] = query.from;
      } else if (query.from || query.to) {
        keyCondition += ' AND failedAt BETWEEN :from AND :to';
        values[':from'] = query.from ?? '0000';
        // '~' sorts after every character of an ISO time, so `to` includes its whole instant.
        values[':to'] = `${query.to ?? '9999'}~`;
      }
      const items: FailedMessage[] = [];
      let startKey = decodeCursor(query.cursor);
      for (let page = 0; page < MAX_PAGES && items.length < query.limit; page += 1) {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'failed',
            KeyConditionExpression: keyCondition,
            ...(filters.length
              ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names }
              : {}),
            ExpressionAttributeValues: values,
            ScanIndexForward: false,
            Limit: query.limit - items.length,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(result.Items ?? []).map((item) => toFailed(item)));
        startKey = result.LastEvaluatedKey;
        if (!startKey) break;
      }
      const cursor = encodeCursor(startKey);
      return cursor ? { items, cursor } : { items };
    },

    async listAttempts(channel, dossierCode) {
      const items = await queryAll({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
        ExpressionAttributeValues: { ':pk': dossierKey(dossierCode), ':msg': messagePrefix(channel) },
        ProjectionExpression: '#sequence, attempts',
        ExpressionAttributeNames: { '#sequence': 'sequence' },
      });
      return new Map(
        items.map((item) => [item.sequence as number, (item.attempts ?? []) as DeliveryAttempt[]]),
      );
    },

    async listPending(olderThan, limit) {
      const refs: PendingMessageRef[] = [];
      for (let shard = 0; shard < options.pendingShards && refs.length < limit; shard += 1) {
        let startKey: Record<string, unknown> | undefined;
        for (let page = 0; page < MAX_PAGES && refs.length < limit; page += 1) {
          const result = await client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'pending',
              KeyConditionExpression: 'pendingShard = :shard AND pendingSince < :olderThan',
              ExpressionAttributeValues: { ':shard': `PENDING#${shard}`, ':olderThan': olderThan },
              Limit: limit - refs.length,
              ExclusiveStartKey: startKey,
            }),
          );
          for (const item of result.Items ?? []) {
            refs.push({
              channel: item.channel as Channel,
              dossierCode: item.dossierCode as string,
              sequence: item.sequence as number,
              pendingSince: item.pendingSince as string,
            });
          }
          startKey = result.LastEvaluatedKey;
          if (!startKey) break;
        }
      }
      return refs.sort((a, b) => (a.pendingSince < b.pendingSince ? -1 : 1));
    },

    async oldestPendingSince() {
      const heads = await Promise.all(
        Array.from({ length: options.pendingShards }, (_, shard) =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'pending',
              KeyConditionExpression: 'pendingShard = :shard',
              ExpressionAttributeValues: { ':shard': `PENDING#${shard}` },
              Limit: 1,
            }),
          ),
        ),
      );
      const since = heads
        .flatMap((result) => result.Items ?? [])
        .map((item) => String(item.pendingSince).split('#')[0] ?? '')
        .sort();
      return since[0];
    },

    async ping() {
      await client.send(new GetCommand({ TableName: tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
    },
  };
}
