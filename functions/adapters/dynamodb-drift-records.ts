import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DriftFinding, DriftRunReport } from '../../contracts/drift-check';
import { GatewayError } from '../core/gateway-error';
import type { DriftRecords } from '../ports/drift-records';

/**
 * Drift records in the single table, one partition (findings are few; runs are hourly):
 *   DRIFT / CURSOR                     where the rolling sample stopped (a table key)
 *   DRIFT / FINDING#<dossierCode>      one finding per dossier, its state moved in place
 *   DRIFT / RUN#<startedAt>#<runId>    one report per run
 * The sample reads the delivery progress items of dynamodb-dossier-store.ts
 * (DOSSIER#<code> / PROGRESS#national, with `nationalSynced`) with a plain Scan: nothing on
 * the delivery path writes anything for it.
 */
const PARTITION = 'DRIFT';
const CURSOR_KEY = { pk: PARTITION, sk: 'CURSOR' };
const findingKey = (dossierCode: string) => ({ pk: PARTITION, sk: `FINDING#${dossierCode}` });
const NATIONAL_PROGRESS = 'PROGRESS#national';
const DOSSIER_PREFIX = 'DOSSIER#';
/** Bound on query pages when a state filter leaves pages empty. */
const MAX_PAGES = 100;

type TableKey = { pk: string; sk: string };

function isConditionFailure(error: unknown): boolean {
  return (error as Error)?.name === 'ConditionalCheckFailedException';
}

const encodeCursor = (key: TableKey) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string): TableKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as TableKey;
    if (key.pk !== PARTITION || !key.sk.startsWith('FINDING#')) throw new Error('not a finding key');
    return key;
  } catch (error) {
    throw new GatewayError('request.invalid', 'Con trỏ trang không hợp lệ / Invalid cursor', {
      fieldErrors: [{ path: '$.cursor', message: 'not a cursor this API returned' }],
      cause: error,
    });
  }
}

function toFinding(item: Record<string, unknown>): DriftFinding {
  const { pk: _pk, sk: _sk, expiresAt: _expires, ...finding } = item;
  return finding as DriftFinding;
}

export function createDynamoDbDriftRecords(
  client: DynamoDBDocumentClient,
  options: { tableName: string; retentionSeconds?: number; now?: () => Date },
): DriftRecords {
  const { tableName } = options;
  const now = options.now ?? (() => new Date());
  const expiry = (): { expiresAt?: number } =>
    options.retentionSeconds === undefined
      ? {}
      : { expiresAt: Math.floor(now().getTime() / 1000) + options.retentionSeconds };

  return {
    async sampleSyncedDossiers(bounds) {
      const cursor = await client.send(new GetCommand({ TableName: tableName, Key: CURSOR_KEY }));
      let startKey = cursor.Item?.startKey as TableKey | undefined;
      // From the top, the end of the table is the end of the run; from the middle, it wraps once.
      let wrapped = startKey === undefined;
      const codes: string[] = [];
      for (let page = 0; page < bounds.maxScanPages && codes.length < bounds.sampleSize; page += 1) {
        const result = await client.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'sk = :progress AND nationalSynced = :synced',
            ExpressionAttributeValues: { ':progress': NATIONAL_PROGRESS, ':synced': true },
            ProjectionExpression: 'pk, sk',
            Limit: bounds.scanPageSize,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        const found = (result.Items ?? []) as TableKey[];
        const room = bounds.sampleSize - codes.length;
        for (const item of found.slice(0, room)) {
          const code = item.pk.slice(DOSSIER_PREFIX.length);
          if (!codes.includes(code)) codes.push(code);
        }
        // Stopped inside a page: the next run resumes right after the last dossier taken.
        const last = found.length > room ? found[room - 1] : undefined;
        startKey = last ? { pk: last.pk, sk: last.sk } : (result.LastEvaluatedKey as TableKey | undefined);
        if (!startKey) {
          if (wrapped) break;
          wrapped = true;
        }
      }
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...CURSOR_KEY, ...(startKey ? { startKey } : {}) },
        }),
      );
      return codes;
    },

    async getFinding(dossierCode) {
      const result = await client.send(
        new GetCommand({ TableName: tableName, Key: findingKey(dossierCode), ConsistentRead: true }),
      );
      return result.Item ? toFinding(result.Item) : undefined;
    },

    async saveFinding(finding) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...findingKey(finding.dossierCode), ...finding, ...expiry() },
            ConditionExpression: 'attribute_not_exists(pk) OR revision = :previous',
            ExpressionAttributeValues: { ':previous': finding.revision - 1 },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
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
      let startKey: TableKey | undefined = query.cursor ? decodeCursor(query.cursor) : undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :finding)',
            ExpressionAttributeValues: {
              ':pk': PARTITION,
              ':finding': 'FINDING#',
              ...Object.fromEntries(states.map((state, index) => [`:state${index}`, state])),
            },
            ...filter,
            Limit: query.limit,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        items.push(...(result.Items ?? []).map(toFinding));
        startKey = result.LastEvaluatedKey as TableKey | undefined;
        if (items.length >= query.limit || !startKey) break;
      }
      const shown = items.slice(0, query.limit);
      const last = shown.at(-1);
      const more = items.length > query.limit || startKey !== undefined;
      return more && last
        ? { items: shown, cursor: encodeCursor(findingKey(last.dossierCode)) }
        : { items: shown };
    },

    async saveRun(report) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: PARTITION, sk: `RUN#${report.startedAt}#${report.runId}`, report, ...expiry() },
        }),
      );
    },

    async listRuns(limit) {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)',
          ExpressionAttributeValues: { ':pk': PARTITION, ':run': 'RUN#' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map((item) => item.report as DriftRunReport);
    },
  };
}
