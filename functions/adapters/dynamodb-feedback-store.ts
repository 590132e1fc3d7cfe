import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  feedbackReceivedDataSchema,
  feedbackStateSchema,
  type RatingReceivedData,
  ratingReceivedDataSchema,
} from '../../contracts/feedback';
import type { FeedbackRecord } from '../core/feedback-item';
import type { FeedbackStore } from '../ports/feedback-store';
import { type PutCondition, writeIfCondition } from './dynamodb/conditional-write';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';
import { queryAllPages, queryPage } from './dynamodb/query-pages';
import { readItem } from './dynamodb/read-item';
import { expiryOf } from './dynamodb/retention';

const at = z.string().optional();
const recordSchema = z.object({
  feedbackId: z.string(),
  agencyCode: z.string(),
  state: feedbackStateSchema,
  sentAt: z.string(),
  forwardedAt: at,
  receivedAt: at,
  refusedAt: at,
  supplementRequestedAt: at,
  answeredAt: at,
  publishedAt: at,
  likes: z.number().int(),
  dislikes: z.number().int(),
  ratingIds: z.array(z.string()),
  item: feedbackReceivedDataSchema,
  revision: z.number().int(),
  updatedAt: z.string(),
}) satisfies z.ZodType<FeedbackRecord>;

const toRecord = (item: Record<string, unknown>): FeedbackRecord =>
  parseItem(recordSchema, item, 'feedback item');
const toRating = (item: Record<string, unknown>) => parseItem(ratingReceivedDataSchema, item, 'rating');

/** Bound on query pages when a filter leaves pages empty. */
const MAX_PAGES = 50;
/** Only stops a runaway read of every rating: 1 MB pages, far above what the partition holds. */
const MAX_RATING_PAGES = 10_000;

/**
 * Feedback and ratings in the gateway table (itemKeys.feedback, itemKeys.rating; docs/adr/0017):
 * an item is put only if absent, replaced only over the revision it was read at.
 */
export function createDynamoDbFeedbackStore(
  client: DynamoDBDocumentClient,
  options: {
    readonly tableName: string;
    /** The citizen's personal data expires with the item, counted from its last write (ADR 6). */
    readonly retentionSeconds?: number;
    readonly now?: () => Date;
  },
): FeedbackStore {
  const { tableName } = options;
  const now = options.now ?? (() => new Date());
  const expiry = () => expiryOf(now(), options.retentionSeconds);
  /** The record's one item; `condition` makes the write an insert or a replacement. */
  const putRecord = (record: FeedbackRecord, condition: PutCondition) =>
    writeIfCondition(() =>
      client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...itemKeys.feedback(record.feedbackId), ...record, ...expiry() },
          ...condition,
        }),
      ),
    );

  return {
    addFeedback: (record) => putRecord(record, { ConditionExpression: 'attribute_not_exists(pk)' }),
    getFeedback: (feedbackId) => readItem(client, tableName, itemKeys.feedback(feedbackId), toRecord),
    replaceFeedback: (record) =>
      putRecord(record, {
        ConditionExpression: 'revision = :previous',
        ExpressionAttributeValues: { ':previous': record.revision - 1 },
      }),
    async listFeedback(query) {
      const filters: string[] = [];
      const values: Record<string, unknown> = { ':pk': accessPatterns.feedbackItems.partition };
      if (query.agencyCode !== undefined) {
        filters.push('agencyCode = :agency');
        values[':agency'] = query.agencyCode;
      }
      if (query.state !== undefined) {
        filters.push('#state = :state');
        values[':state'] = query.state;
      }
      return queryPage(
        client,
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
          ...(query.state !== undefined ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
          ExpressionAttributeValues: values,
        },
        query,
        toRecord,
        MAX_PAGES,
      );
    },
    addRating: (rating: RatingReceivedData) =>
      writeIfCondition(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...itemKeys.rating(rating.ratingId), ...rating, ...expiry() },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),
    async listDossierRatings() {
      const items = await queryAllPages(
        client,
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': accessPatterns.ratings.partition },
        },
        MAX_RATING_PAGES,
      );
      const ratings = items.map(toRating);
      return ratings.filter((rating) => rating.dossierCode !== undefined);
    },
  };
}
