import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { auditActorSchema } from '../../contracts/admin-api';
import { type AuditEntry, type AuditFilter, type AuditLog, auditActions } from '../ports/audit-log';
import type { ThroughputBucket, ThroughputStats } from '../ports/queue-monitor';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { decodeCursor, encodeCursor } from './dynamodb/page-cursor';
import { parseItem } from './dynamodb/parse-item';

/**
 * The audit log is read a page at a time, newest month first; this bounds a page's scan (about
 * 400 days, as far back as an administrator pages before an empty stretch ends the list).
 */
const MAX_MONTHS_PER_PAGE = 14;
/** Months read side by side: a sparse log answers in a few round trips, a busy one wastes few reads. */
const MONTHS_PER_BATCH = 4;
const BUCKET_MINUTES = 10;
const CHANNELS = ['national', 'province'] as const;

const monthOf = (iso: string) => iso.slice(0, 7);

/** The UTC month before `YYYY-MM`. */
function monthBefore(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  // Entries written before people signed in named the client as a bare string.
  actor: z.union([
    auditActorSchema,
    z.string().transform((clientId) => ({ type: 'client' as const, clientId })),
  ]),
  action: z.enum(auditActions),
  target: z.string(),
  reason: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
}) satisfies z.ZodType<AuditEntry>;

const auditPositionSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), sk: z.string() });

const bucketSchema = z.object({
  sk: z.string(),
  delivered: z.number().default(0),
  failed: z.number().default(0),
  parked: z.number().default(0),
});

/**
 * Audit entries in month partitions (itemKeys.auditEntry). "Newest first" reads this month, then
 * the ones before, a batch of months side by side, and stitches them in month order, so a page is
 * ordered whichever query answers first.
 */
export function createDynamoDbAuditLog(
  client: DynamoDBDocumentClient,
  options: { tableName: string; now?: () => Date; newId: () => string },
): AuditLog {
  const now = options.now ?? (() => new Date());
  /**
   * Up to `limit` entries of a month, newest first. A filter is applied after Limit, so a
   * filtered month is read on until it has a page's worth of matches or ends.
   */
  const readMonth = async (
    month: string,
    before: string | undefined,
    limit: number,
    conditions: ReturnType<typeof auditFilterOf>,
  ) => {
    const items: AuditEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await client.send(
        new QueryCommand({
          TableName: options.tableName,
          KeyConditionExpression: before ? 'pk = :pk AND sk < :before' : 'pk = :pk',
          ...(conditions
            ? { FilterExpression: conditions.expression, ExpressionAttributeNames: conditions.names }
            : {}),
          ExpressionAttributeValues: {
            ':pk': accessPatterns.auditOfMonth.partition(month),
            ...(before ? { ':before': before } : {}),
            ...conditions?.values,
          },
          ScanIndexForward: false,
          Limit: limit,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(result.Items ?? []).map((item) => parseItem(auditEntrySchema, item, 'audit entry')));
      startKey = result.LastEvaluatedKey;
    } while (conditions && startKey && items.length < limit);
    // A query stops at Limit or 1 MB: the month then has more than it returned.
    return { month, items, cut: startKey !== undefined };
  };
  return {
    async record(entry) {
      const full: AuditEntry = { ...entry, id: options.newId(), at: now().toISOString() };
      await client.send(
        new PutCommand({
          TableName: options.tableName,
          Item: { ...itemKeys.auditEntry(full.at, full.id), ...full },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return full;
    },
    async list({ limit, cursor, filter }) {
      const position = decodeCursor(cursor, auditPositionSchema);
      const conditions = auditFilterOf(filter);
      let month = position?.month ?? monthOf(now().toISOString());
      const items: AuditEntry[] = [];
      for (let scanned = 0; scanned < MAX_MONTHS_PER_PAGE; ) {
        const months: string[] = [];
        for (; months.length < MONTHS_PER_BATCH && scanned < MAX_MONTHS_PER_PAGE; scanned += 1) {
          months.push(month);
          month = monthBefore(month);
        }
        const pages = await Promise.all(
          months.map((batchMonth) =>
            readMonth(
              batchMonth,
              batchMonth === position?.month ? position.sk : undefined,
              limit,
              conditions,
            ),
          ),
        );
        for (const page of pages) {
          const taken = page.items.slice(0, limit - items.length);
          items.push(...taken);
          const last = items.at(-1);
          const full = items.length >= limit || (page.cut && taken.length === page.items.length);
          if (full && last) {
            return {
              items,
              cursor: encodeCursor({ month: page.month, sk: itemKeys.auditEntry(last.at, last.id).sk }),
            };
          }
        }
      }
      return { items };
    },
  };
}

function auditFilterOf(filter: AuditFilter | undefined) {
  const parts: string[] = [];
  const values: Record<string, string> = {};
  if (filter?.action) {
    parts.push('#action = :action');
    values[':action'] = filter.action;
  }
  if (filter?.actor) {
    parts.push('(#actor.subject = :who OR #actor.clientId = :who OR #actor = :who)');
    values[':who'] = filter.actor;
  }
  if (parts.length === 0) return undefined;
  const names: Record<string, string> = {
    ...(filter?.action ? { '#action': 'action' } : {}),
    ...(filter?.actor ? { '#actor': 'actor' } : {}),
  };
  return { expression: parts.join(' AND '), names, values };
}

function bucketOf(at: Date): string {
  const minutes = Math.floor(at.getUTCMinutes() / BUCKET_MINUTES) * BUCKET_MINUTES;
  return `${at.toISOString().slice(0, 13)}:${String(minutes).padStart(2, '0')}`;
}

/** Delivery counts per channel and ten-minute bucket (itemKeys.throughputBucket), added to atomically. */
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
          Key: itemKeys.throughputBucket(channel, bucketOf(at)),
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
      const buckets: ThroughputBucket[] = [];
      for (const channel of CHANNELS) {
        const result = await client.send(
          new QueryCommand({
            TableName: options.tableName,
            KeyConditionExpression: 'pk = :pk AND sk >= :since',
            ExpressionAttributeValues: {
              ':pk': accessPatterns.throughputOfChannel.partition(channel),
              ':since': bucketOf(since),
            },
          }),
        );
        for (const item of result.Items ?? []) {
          const { sk, ...counts } = parseItem(bucketSchema, item, 'throughput bucket');
          buckets.push({ bucket: sk, channel, ...counts });
        }
      }
      return buckets;
    },
  };
}
