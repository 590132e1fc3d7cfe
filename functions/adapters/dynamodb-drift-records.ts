import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type DriftFinding, driftFindingSchema, driftRunReportSchema } from '../../contracts/drift-check';
import { GatewayError } from '../core/gateway-error';
import type { DriftRecords } from '../ports/drift-records';
import { writeIfCondition } from './dynamodb/conditional-write';
import { accessPatterns, dossierCodeOf, itemKeys, type TableKey } from './dynamodb/gateway-table';
import { encodeCursor } from './dynamodb/page-cursor';
import { parseItem } from './dynamodb/parse-item';
import { readItem } from './dynamodb/read-item';
import { expiryOf } from './dynamodb/retention';

/**
 * Drift records in the gateway table, one partition (findings are few; runs are hourly): the
 * sample's cursor, one finding per dossier (its state moved in place) and one report per run
 * (itemKeys.driftCursor, driftFinding, driftRun). The sample reads the national delivery
 * progress items (`syncedDossiersByScan`) with a plain Scan: nothing on the delivery path
 * writes anything for it.
 */
/** Bound on query pages when a state filter leaves pages empty. */
const MAX_PAGES = 100;

const tableKeySchema = z.object({ pk: z.string(), sk: z.string() });
const cursorItemSchema = z.object({ startKey: tableKeySchema.optional() });
const runItemSchema = z.object({ report: driftRunReportSchema });
const toFinding = (item: Record<string, unknown>) => parseItem(driftFindingSchema, item, 'drift finding');

function decodeFindingCursor(cursor: string): TableKey {
  try {
    const key = tableKeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    const findings = accessPatterns.driftFindings;
    if (key.pk !== findings.partition || !key.sk.startsWith(findings.sortPrefix))
      throw new Error('not a finding key');
    return key;
  } catch (error) {
    throw new GatewayError('request.invalid', 'Con trỏ trang không hợp lệ / Invalid cursor', {
      fieldErrors: [{ path: '$.cursor', message: 'not a cursor this API returned' }],
      cause: error,
    });
  }
}

export function createDynamoDbDriftRecords(
  client: DynamoDBDocumentClient,
  options: { tableName: string; retentionSeconds?: number; now?: () => Date },
): DriftRecords {
  const { tableName } = options;
  const now = options.now ?? (() => new Date());
  const expiry = () => expiryOf(now(), options.retentionSeconds);

  return {
    async sampleSyncedDossiers(bounds) {
      const cursor = await client.send(new GetCommand({ TableName: tableName, Key: itemKeys.driftCursor() }));
      let startKey = cursor.Item
        ? parseItem(cursorItemSchema, cursor.Item, 'drift cursor').startKey
        : undefined;
      // From the top, the end of the table is the end of the run; from the middle, it wraps once.
      let wrapped = startKey === undefined;
      const codes: string[] = [];
      for (let page = 0; page < bounds.maxScanPages && codes.length < bounds.sampleSize; page += 1) {
        const result = await client.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'sk = :progress AND nationalSynced = :synced',
            ExpressionAttributeValues: {
              ':progress': accessPatterns.syncedDossiersByScan.sortValue,
              ':synced': true,
            },
            ProjectionExpression: 'pk, sk',
            Limit: bounds.scanPageSize,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        const found = (result.Items ?? []).map((item) => parseItem(tableKeySchema, item, 'progress key'));
        const room = bounds.sampleSize - codes.length;
        for (const item of found.slice(0, room)) {
          const code = dossierCodeOf(item.pk);
          if (!codes.includes(code)) codes.push(code);
        }
        // Stopped inside a page: the next run resumes right after the last dossier taken.
        const last = found.length > room ? found[room - 1] : undefined;
        startKey =
          last ??
          (result.LastEvaluatedKey
            ? parseItem(tableKeySchema, result.LastEvaluatedKey, 'scan position')
            : undefined);
        if (!startKey) {
          if (wrapped) break;
          wrapped = true;
        }
      }
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...itemKeys.driftCursor(), ...(startKey ? { startKey } : {}) },
        }),
      );
      return codes;
    },

    getFinding: (dossierCode) => readItem(client, tableName, itemKeys.driftFinding(dossierCode), toFinding),

    saveFinding(finding) {
      return writeIfCondition(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...itemKeys.driftFinding(finding.dossierCode), ...finding, ...expiry() },
            ConditionExpression: 'attribute_not_exists(pk) OR revision = :previous',
            ExpressionAttributeValues: { ':previous': finding.revision - 1 },
          }),
        ),
      );
    },

    async listFindings(query) {
      const states = query.states ?? [];
      const filter = states.length
        ? {
            FilterExpression: `#state IN (${states.map((_, index) => `:state${index}`).join(', ')})`,
            ExpressionAttributeNames: { '#state': 'state' },
          }
        : {};
      const items: DriftFinding[] = [];
      let startKey: Record<string, unknown> | undefined = query.cursor
        ? decodeFindingCursor(query.cursor)
        : undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :finding)',
            ExpressionAttributeValues: {
              ':pk': accessPatterns.driftFindings.partition,
              ':finding': accessPatterns.driftFindings.sortPrefix,
              ...Object.fromEntries(states.map((state, index) => [`:state${index}`, state])),
            },
            ...filter,
            Limit: query.limit,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        items.push(...(result.Items ?? []).map(toFinding));
        startKey = result.LastEvaluatedKey;
        if (items.length >= query.limit || !startKey) break;
      }
      const shown = items.slice(0, query.limit);
      const last = shown.at(-1);
      const more = items.length > query.limit || startKey !== undefined;
      return more && last
        ? { items: shown, cursor: encodeCursor(itemKeys.driftFinding(last.dossierCode)) ?? '' }
        : { items: shown };
    },

    async saveRun(report) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...itemKeys.driftRun(report.startedAt, report.runId), report, ...expiry() },
        }),
      );
    },

    async listRuns(limit) {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)',
          ExpressionAttributeValues: {
            ':pk': accessPatterns.driftRuns.partition,
            ':run': accessPatterns.driftRuns.sortPrefix,
          },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map((item) => parseItem(runItemSchema, item, 'drift run').report);
    },
  };
}
