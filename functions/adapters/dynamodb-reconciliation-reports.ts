import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  type ReconciliationReport,
  type ReconciliationSummary,
  reconciliationEntrySchema,
  reconciliationSummarySchema,
} from '../../contracts/reconciliation';
import type { ReconciliationReports } from '../ports/reconciliation-reports';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { decodeCursor, encodeCursor } from './dynamodb/page-cursor';
import { parseItem } from './dynamodb/parse-item';

/**
 * Reconciliation reports in the gateway table: each summary in the newest-first list
 * (itemKeys.reconciliationListing), again under the report's id (reconciliationReport), and its
 * mismatches in chunks (reconciliationEntries: an item holds at most 400 KB). Reports are a few
 * a day, so one partition lists them all.
 */
const ENTRIES_PER_ITEM = 200;

const summaryItemSchema = z.object({ summary: reconciliationSummarySchema });
const entriesItemSchema = z.object({ entries: z.array(reconciliationEntrySchema) });
const MAX_PAGES = 1000;

export function createDynamoDbReconciliationReports(
  client: DynamoDBDocumentClient,
  options: { tableName: string },
): ReconciliationReports {
  const { tableName } = options;
  const summaryOf = ({ entries: _entries, ...summary }: ReconciliationReport): ReconciliationSummary =>
    summary;

  return {
    async save(report) {
      const summary = summaryOf(report);
      for (let start = 0, chunk = 0; start < report.entries.length; start += ENTRIES_PER_ITEM, chunk += 1) {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...itemKeys.reconciliationEntries(report.reportId, chunk),
              entries: report.entries.slice(start, start + ENTRIES_PER_ITEM),
            },
          }),
        );
      }
      // The summaries last: a report is listed only once all its entries are stored.
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...itemKeys.reconciliationReport(report.reportId), summary },
        }),
      );
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...itemKeys.reconciliationListing(report.day, report.startedAt, report.reportId), summary },
        }),
      );
    },

    async get(reportId) {
      const head = await client.send(
        new GetCommand({ TableName: tableName, Key: itemKeys.reconciliationReport(reportId) }),
      );
      if (!head.Item) return undefined;
      const entries: ReconciliationReport['entries'][number][] = [];
      let startKey: Record<string, unknown> | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entries)',
            ExpressionAttributeValues: {
              ':pk': accessPatterns.reconciliationEntriesOfReport.partition(reportId),
              ':entries': accessPatterns.reconciliationEntriesOfReport.sortPrefix,
            },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of result.Items ?? []) {
          entries.push(...parseItem(entriesItemSchema, item, 'reconciliation entries').entries);
        }
        startKey = result.LastEvaluatedKey;
        if (!startKey) break;
      }
      return { ...parseItem(summaryItemSchema, head.Item, 'reconciliation report').summary, entries };
    },

    async list(query) {
      const startKey = decodeCursor(query.cursor);
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': accessPatterns.reconciliationReportsByDay.partition,
            ':from': query.from ?? '0000',
            // '~' sorts after the rest of the sort key, so `to` includes its whole day.
            ':to': `${query.to ?? '9999'}~`,
          },
          ScanIndexForward: false,
          Limit: query.limit,
          ExclusiveStartKey: startKey,
        }),
      );
      const items = (result.Items ?? []).map(
        (item) => parseItem(summaryItemSchema, item, 'reconciliation listing').summary,
      );
      const cursor = encodeCursor(result.LastEvaluatedKey);
      return cursor ? { items, cursor } : { items };
    },
  };
}
