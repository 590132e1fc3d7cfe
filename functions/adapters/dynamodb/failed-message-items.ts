import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { failedMessageSchema } from '../../../contracts/admin-api';
import type { FailedMessage } from '../../core/dossier-message';
import type { FailedMessageQuery } from '../../ports/dossier-store';
import type { Page } from '../../ports/page';
import { accessPatterns, itemKeys } from './gateway-table';
import { channelSchema, messageKindSchema } from './message-items';
import { parseItem } from './parse-item';
import { queryPage } from './query-pages';
import { readItem } from './read-item';
import { expiryOf } from './retention';

export interface FailedMessageItemsOptions {
  readonly tableName: string;
  readonly retentionSeconds?: number;
}

/** Bound on query pages when filters leave pages empty. */
const MAX_PAGES = 1000;

/**
 * The record as administrators see it (contracts/admin-api), with the store's channel and kind
 * and the codes as stored.
 */
const failedItemSchema = failedMessageSchema.extend({
  channel: channelSchema,
  dossierCode: z.string(),
  agencyCode: z.string(),
  kind: messageKindSchema,
}) satisfies z.ZodType<FailedMessage>;

const toFailed = (item: Record<string, unknown>) => parseItem(failedItemSchema, item, 'failed message');

/**
 * Failed-message records: FAILED#<messageId> / FAILED, a parked message as administrators see
 * it, on the `failedByQueue` list (newest first per queue).
 */
export function createFailedMessageItems(client: DynamoDBDocumentClient, options: FailedMessageItemsOptions) {
  const { tableName } = options;
  const byQueue = accessPatterns.failedByQueue;

  return {
    async put(failed: FailedMessage): Promise<void> {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...itemKeys.failedMessage(failed.messageId),
            ...failed,
            ...expiryOf(failed.parkedAt, options.retentionSeconds),
            ...byQueue.entry(failed.queue, failed.parkedAt, failed.messageId),
          },
        }),
      );
    },

    get: (messageId: string): Promise<FailedMessage | undefined> =>
      readItem(client, tableName, itemKeys.failedMessage(messageId), toFailed),

    async setStatus(messageId: string, status: FailedMessage['status']): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: itemKeys.failedMessage(messageId),
          UpdateExpression: 'SET #status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status },
        }),
      );
    },

    /** Newest first within one queue, filtered, a page at a time. */
    async list(query: FailedMessageQuery): Promise<Page<FailedMessage>> {
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
      // '~' sorts after every character of an ISO time, so `to` includes its whole instant.
      const upTo = `${query.to ?? '9999'}~`;
      let keyCondition = `${byQueue.partitionAttribute} = :queue`;
      if (query.before) {
        keyCondition += query.from
          ? ` AND ${byQueue.sortAttribute} BETWEEN :from AND :before`
          : ` AND ${byQueue.sortAttribute} < :before`;
        values[':before'] = query.before < upTo ? query.before : upTo;
        if (query.from) values[':from'] = query.from;
      } else if (query.from || query.to) {
        keyCondition += ` AND ${byQueue.sortAttribute} BETWEEN :from AND :to`;
        values[':from'] = query.from ?? '0000';
        values[':to'] = upTo;
      }
      return queryPage(
        client,
        {
          TableName: tableName,
          IndexName: byQueue.index,
          KeyConditionExpression: keyCondition,
          ...(filters.length
            ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names }
            : {}),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
        },
        query,
        toFailed,
        MAX_PAGES,
      );
    },
  };
}
