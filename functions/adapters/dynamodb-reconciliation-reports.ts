import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ReconciliationReport, ReconciliationSummary } from '../../contracts/reconciliation';
import { GatewayError } from '../core/gateway-error';
import type { ReconciliationReports } from '../ports/reconciliation-reports';

/**
 * Reconciliation reports in the single table:
 *   RECONCILIATION / <day>#<startedAt>#<reportId>   the summary, for the newest-first list
 *   RECONCILIATION#<reportId> / REPORT              the summary again, to find a report by id
 *   RECONCILIATION#<reportId> / ENTRIES#<nnnn>      its mismatches, in chunks (an item holds 400 KB)
 * Reports are a few a day, so one partition lists them all.
 */
const LIST_KEY = 'RECONCILIATION';
const ENTRIES_PER_ITEM = 200;
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
              pk: `${LIST_KEY}#${report.reportId}`,
              sk: `ENTRIES#${String(chunk).padStart(4, '0')}`,
              entries: report.entries.slice(start, start + ENTRIES_PER_ITEM),
            },
          }),
        );
      }
      // The summaries last: a report is listed only once all its entries are stored.
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: `${LIST_KEY}#${report.reportId}`, sk: 'REPORT', summary },
        }),
      );
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: LIST_KEY, sk: `${report.day}#${report.startedAt}#${report.reportId}`, summary },
        }),
      );
    },

    async get(reportId) {
      const head = await client.send(
        new GetCommand({ TableName: tableName, Key: { pk: `${LIST_KEY}#${reportId}`, sk: 'REPORT' } }),
      );
      if (!head.Item) return undefined;
      const entries: ReconciliationReport['entries'][number][] = [];
      let startKey: Record<string, unknown> | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entries)',
            ExpressionAttributeValues: { ':pk': `${LIST_KEY}#${reportId}`, ':entries': 'ENTRIES#' },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of result.Items ?? []) entries.push(...(item.entries as typeof entries));
        startKey = result.LastEvaluatedKey;
        if (!startKey) break;
      }
      return { ...(head.Item.summary as ReconciliationSummary), entries };
    },

    async list(query) {
      let startKey: Record<string, unknown> | undefined;
      if (query.cursor) {
        try {
          startKey = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
        } catch (error) {
          throw new GatewayError('request.invalid', 'Con trỏ trang không hợp lệ / Invalid cursor', {
            fieldErrors: [{ path: '$.cursor', message: 'not a cursor this API returned' }],
            cause: error,
          });
        }
      }
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': LIST_KEY,
            ':from': query.from ?? '0000',
            // '~' sorts after the rest of the sort key, so `to` includes its whole day.
            ':to': `${query.to ?? '9999'}~`,
          },
          ScanIndexForward: false,
          Limit: query.limit,
          ExclusiveStartKey: startKey,
        }),
      );
      const items = (result.Items ?? []).map((item) => item.summary as ReconciliationSummary);
      return result.LastEvaluatedKey
        ? { items, cursor: Buffer.from(JSON.stringify(result.LastEvaluatedKey)).toString('base64url') }
        : { items };
    },
  };
}
