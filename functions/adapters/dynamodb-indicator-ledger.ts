import { type DynamoDBDocumentClient, PutCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { IndicatorEvent } from '../core/dossier-tracking';
import type { IndicatorLedger } from '../ports/indicator-ledger';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';
import { queryAllPages } from './dynamodb/query-pages';
import { expiryOf } from './dynamodb/retention';

/** Bounds a read: with the table's retention an agency holds at most a few hundred pages. */
const MAX_PAGES = 2_000;

const indicatorEventSchema = z.object({
  agencyCode: z.string(),
  dossierCode: z.string(),
  milestone: z.enum(['received', 'refused', 'finished', 'closed']),
  at: z.string(),
  day: z.string(),
  procedureCode: z.string().optional(),
  online: z.boolean().optional(),
  onTime: z.boolean().optional(),
}) satisfies z.ZodType<IndicatorEvent>;

const agencySchema = z.object({ sk: z.string() });

/**
 * One item per dossier and moment, in a partition per agency ordered by day
 * (itemKeys.indicatorMoment). A moment's key does not depend on when it was recorded, so
 * writing it again is harmless. The agencies seen are listed under itemKeys.indicatorAgency.
 */
export function createDynamoDbIndicatorLedger(
  client: DynamoDBDocumentClient,
  options: { tableName: string; retentionSeconds?: number; now?: () => Date },
): IndicatorLedger {
  const now = options.now ?? (() => new Date());
  // An instance writes each agency's entry once; repeating it would only cost a write.
  const agenciesWritten = new Set<string>();

  const queryAll = (input: QueryCommandInput) => queryAllPages(client, input, MAX_PAGES);

  return {
    async record(events) {
      await Promise.all(
        events.map((event) =>
          client.send(
            new PutCommand({
              TableName: options.tableName,
              Item: {
                ...itemKeys.indicatorMoment(event.agencyCode, event.day, event.dossierCode, event.milestone),
                ...event,
                ...expiryOf(now(), options.retentionSeconds),
              },
            }),
          ),
        ),
      );
      for (const agencyCode of new Set(events.map((event) => event.agencyCode))) {
        if (agenciesWritten.has(agencyCode)) continue;
        await client.send(
          new PutCommand({
            TableName: options.tableName,
            Item: { ...itemKeys.indicatorAgency(agencyCode), agencyCode },
          }),
        );
        agenciesWritten.add(agencyCode);
      }
    },

    async listThrough(agencyCode, through) {
      const items = await queryAll({
        TableName: options.tableName,
        KeyConditionExpression: 'pk = :pk AND sk < :after',
        // '$' sorts after '#': every key of the last day is included.
        ExpressionAttributeValues: {
          ':pk': accessPatterns.indicatorsOfAgency.partition(agencyCode),
          ':after': `${through}$`,
        },
      });
      return items.map((item) => parseItem(indicatorEventSchema, item, 'indicator moment'));
    },

    async agencies() {
      const items = await queryAll({
        TableName: options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': accessPatterns.indicatorAgencies.partition },
      });
      return items.map((item) => parseItem(agencySchema, item, 'indicator agency').sk);
    },
  };
}
