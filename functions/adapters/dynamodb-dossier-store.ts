import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  DeliveryAttempt,
  DeliveryProgress,
  MessageState,
  MessageSummary,
  StoredMessage,
} from '../core/dossier-message';
import { noDeliveryYet } from '../core/dossier-message';
import { GatewayError } from '../core/gateway-error';
import type { DossierStore, PendingMessageRef } from '../ports/dossier-store';

/**
 * Single-table layout (access patterns named by intent):
 *   DOSSIER#<code> / MSG#<sequence>  one accepted message, its payload and its attempts
 *   DOSSIER#<code> / PROGRESS        what the relay has delivered so far
 * Undelivered messages carry pendingShard/pendingSince, which feeds the sparse `pending`
 * index the sweeper reads; delivery removes them.
 */
export interface DynamoDbDossierStoreOptions {
  readonly tableName: string;
  readonly pendingIndexName: string;
  readonly pendingShards: number;
}

const SEQUENCE_WIDTH = 10;
const dossierKey = (dossierCode: string) => `DOSSIER#${dossierCode}`;
const messageKey = (sequence: number) => `MSG#${String(sequence).padStart(SEQUENCE_WIDTH, '0')}`;
const PROGRESS_KEY = 'PROGRESS';

const summaryAttributes = [
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
];
const summaryAttributeNames = { '#sequence': 'sequence', '#status': 'status', '#state': 'state' };

function pendingShardOf(dossierCode: string, shards: number): string {
  let hash = 0;
  for (const character of dossierCode) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return `PENDING#${hash % shards}`;
}

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as Error)?.name === 'ConditionalCheckFailedException'
  );
}

function toSummary(item: Record<string, unknown>): MessageSummary {
  const {
    pk: _pk,
    sk: _sk,
    payload: _payload,
    attempts: _attempts,
    pendingShard: _s,
    pendingSince: _p,
    ...summary
  } = item;
  return summary as unknown as MessageSummary;
}

export function createDynamoDbDossierStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbDossierStoreOptions,
): DossierStore {
  const { tableName } = options;

  async function queryAll(
    input: ConstructorParameters<typeof QueryCommand>[0],
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    // A dossier holds tens of messages; the page bound only guards against a runaway loop.
    for (let page = 0; page < 1000; page += 1) {
      const result = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      items.push(...((result.Items ?? []) as Record<string, unknown>[]));
      startKey = result.LastEvaluatedKey;
      if (!startKey) return items;
    }
    throw new Error(`query on ${tableName} did not finish within 1000 pages`);
  }

  async function getDeliveryProgress(dossierCode: string): Promise<DeliveryProgress> {
    const result = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: dossierKey(dossierCode), sk: PROGRESS_KEY },
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return noDeliveryYet;
    const { pk: _pk, sk: _sk, ...progress } = result.Item;
    return { ...noDeliveryYet, ...progress } as DeliveryProgress;
  }

  return {
    async listMessages(dossierCode) {
      const items = await queryAll({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
        ExpressionAttributeValues: { ':pk': dossierKey(dossierCode), ':msg': 'MSG#' },
        ProjectionExpression: summaryAttributes.join(', '),
        ExpressionAttributeNames: summaryAttributeNames,
        ConsistentRead: true,
      });
      return items.map(toSummary);
    },

    async getMessage(dossierCode, sequence) {
      const result = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: dossierKey(dossierCode), sk: messageKey(sequence) },
          ConsistentRead: true,
        }),
      );
      if (!result.Item) return undefined;
      return { ...toSummary(result.Item), payload: result.Item.payload } as StoredMessage;
    },

    async appendMessage(message) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              pk: dossierKey(message.dossierCode),
              sk: messageKey(message.sequence),
              ...message,
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

    async recordDelivery(dossierCode, sequence, attempt, progress) {
      // Progress first: if the process dies before the message row is updated, the message
      // still looks pending, the sweeper re-enqueues it, and the relay sees a duplicate and
      // tidies the row. The other order could leave progress behind forever.
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: dossierKey(dossierCode), sk: PROGRESS_KEY },
            UpdateExpression:
              'SET deliveredSequence = :sequence, nationalSynced = :synced, lastSyncedAt = :at' +
              (progress.nationalStatus ? ', nationalStatus = :nationalStatus' : '') +
              ' REMOVE lastError',
            ConditionExpression:
              sequence === 1
                ? 'attribute_not_exists(deliveredSequence) OR deliveredSequence = :previous'
                : 'deliveredSequence = :previous',
            ExpressionAttributeValues: {
              ':sequence': sequence,
              ':previous': sequence - 1,
              ':synced': progress.nationalSynced,
              ':at': progress.lastSyncedAt ?? attempt.at,
              ...(progress.nationalStatus ? { ':nationalStatus': progress.nationalStatus } : {}),
            },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const current = await getDeliveryProgress(dossierCode);
        if (current.deliveredSequence < sequence) {
          throw new GatewayError(
            'sequence.taken',
            `cannot mark ${dossierCode}#${sequence} delivered after #${current.deliveredSequence}`,
            { cause: error },
          );
        }
      }
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: dossierKey(dossierCode), sk: messageKey(sequence) },
          UpdateExpression:
            'SET #state = :delivered, attempts = list_append(if_not_exists(attempts, :none), :attempt) REMOVE pendingShard, pendingSince',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':delivered': 'delivered', ':attempt': [attempt], ':none': [] },
        }),
      );
    },

    async recordFailedAttempt(dossierCode, sequence, attempt, state: MessageState) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: dossierKey(dossierCode), sk: messageKey(sequence) },
          UpdateExpression:
            'SET #state = :state, attempts = list_append(if_not_exists(attempts, :none), :attempt)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':state': state, ':attempt': [attempt], ':none': [] },
        }),
      );
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: dossierKey(dossierCode), sk: PROGRESS_KEY },
          UpdateExpression: 'SET lastError = :error',
          ExpressionAttributeValues: { ':error': attempt.detail },
        }),
      );
    },

    async listAttempts(dossierCode) {
      const items = await queryAll({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
        ExpressionAttributeValues: { ':pk': dossierKey(dossierCode), ':msg': 'MSG#' },
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
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: options.pendingIndexName,
            KeyConditionExpression: 'pendingShard = :shard AND pendingSince < :olderThan',
            ExpressionAttributeValues: { ':shard': `PENDING#${shard}`, ':olderThan': olderThan },
            Limit: limit - refs.length,
          }),
        );
        for (const item of result.Items ?? []) {
          refs.push({
            dossierCode: item.dossierCode as string,
            sequence: item.sequence as number,
            pendingSince: item.pendingSince as string,
          });
        }
      }
      return refs.sort((a, b) => (a.pendingSince < b.pendingSince ? -1 : 1));
    },

    async ping() {
      await client.send(new GetCommand({ TableName: tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
    },
  };
}
