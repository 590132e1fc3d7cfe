import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditLog } from '../ports/audit-log';
import type { ThroughputStats } from '../ports/queue-monitor';

const DAY_MS = 86_400_000;
/** The audit log is read a page at a time, newest day first; this bounds a page's day scan. */
const MAX_DAYS_PER_PAGE = 400;
const BUCKET_MINUTES = 10;

const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * Audit entries in day partitions (AUDIT#<yyyy-mm-dd> / <at>#<id>): writes spread over days,
 * and "newest first" is a reverse query of today, then yesterday, and so on.
 */
export function createDynamoDbAuditLog(
  client: DynamoDBDocumentClient,
  options: { tableName: string; now?: () => Date; newId: () => string },
): AuditLog {
  const now = options.now ?? (() => new Date());
  return {
    async record(entry) {
      const full: AuditEntry = { ...entry, id: options.newId(), at: now().toISOString() };
      await client.send(
        new PutCommand({
          TableName: options.tableName,
          Item: { pk: `AUDIT#${dayOf(full.at)}`, sk: `${full.at}#${full.id}`, ...full },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return full;
    },
    async list({ limit, cursor }) {
      const position = cursor
        ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { day: string; sk?: string })
        : undefined;
      let day = position?.day ?? dayOf(now().toISOString());
      let before = position?.sk;
      const items: AuditEntry[] = [];
      for (let scanned = 0; scanned < MAX_DAYS_PER_PAGE && items.length < limit; scanned += 1) {
        const result = await client.send(
          new QueryCommand({
            TableName: options.tableName,
            KeyConditionExpression: before ? 'pk = :pk AND sk < :before' : 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `AUDIT#${day}`, ...(before ? { ':before': before } : {}) },
            ScanIndexForward: false,
            Limit: limit - items.length,
          }),
        );
        for (const item of result.Items ?? []) {
          const { pk: _pk, sk: _sk, ...entry } = item;
          items.push(entry as AuditEntry);
        }
        if (items.length >= limit) {
          const last = items.at(-1);
          return {
            items,
            cursor: Buffer.from(JSON.stringify({ day, sk: `${last?.at}#${last?.id}` })).toString('base64url'),
          };
        }
        day = dayOf(new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString());
        before = undefined;
      }
      return { items };
    },
  };
}

function bucketOf(at: Date): string {
  const minutes = Math.floor(at.getUTCMinutes() / BUCKET_MINUTES) * BUCKET_MINUTES;
  return `${at.toISOString().slice(0, 13)}:${String(minutes).padStart(2, '0')}`;
}

export function createDynamoDbThroughputStats(
  client: DynamoDBDocumentClient,
  options: { tableName: string },
): ThroughputStats {
  return {
    async add(channel, counts, at) {
      if (counts.delivered + counts.failed + counts.parked === 0) return;
      await client.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: { pk: `STATS#${channel}`, sk: bucketOf(at) },
          UpdateExpression: 'ADD delivered :delivered, failed :failed, parked :parked',
          ExpressionAttributeValues: {
            ':delivered': counts.delivered,
            ':failed': counts.failed,
            ':parked': counts.parked,
          },
        }),
      );
    },
    async recent(since) {
      const buckets = [];
      for (const channel of ['national', 'province']) {
        const result = await client.send(
          new QueryCommand({
            TableName: options.tableName,
            KeyConditionExpression: 'pk = :pk AND sk >= :since',
            ExpressionAttributeValues: { ':pk': `STATS#${channel}`, ':since': bucketOf(since) },
          }),
        );
        for (const item of result.Items ?? []) {
          buckets.push({
            bucket: item.sk as string,
            channel,
            delivered: Number(item.delivered ?? 0),
            failed: Number(item.failed ?? 0),
            parked: Number(item.parked ?? 0),
          });
        }
      }
      return buckets;
    },
  };
}
