import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  type ReconciliationReport,
  type ReconciliationSummary,
  reconciliationEntrySchema,
  reconciliationSummarySchema,
} from '../../contracts/reconciliation';
import type { ReconciliationReports } from '../ports/reconciliation-reports';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';
import { queryAllPages, queryPage } from './dynamodb/query-pages';

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
      const chunks = await queryAllPages(
        client,
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entries)',
          ExpressionAttributeValues: {
            ':pk': accessPatterns.reconciliationEntriesOfReport.partition(reportId),
            ':entries': accessPatterns.reconciliationEntriesOfReport.sortPrefix,
          },
        },
        MAX_PAGES,
      );
      const entries = chunks.flatMap(
        (item) => parseItem(entriesItemSchema, item, 'reconciliation entries').entries,
      );
      return { ...parseItem(summaryItemSchema, head.Item, 'reconciliation report').summary, entries };
    },

    list: (query) =>
      queryPage(
        client,
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': accessPatterns.reconciliationReportsByDay.partition,
            ':from': query.from ?? '0000',
            // '~' sorts after the rest of the sort key, so `to` includes its whole day.
            ':to': `${query.to ?? '9999'}~`,
          },
          ScanIndexForward: false,
        },
        query,
        (item) => parseItem(summaryItemSchema, item, 'reconciliation listing').summary,
        MAX_PAGES,
      ),
  };
}
