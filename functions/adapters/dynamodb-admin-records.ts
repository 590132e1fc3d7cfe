import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { auditActorSchema } from '../../contracts/admin-api';
import { type AuditEntry, type AuditFilter, type AuditLog, auditActions } from '../ports/audit-log';
import type { ThroughputBucket, ThroughputStats } from '../ports/queue-monitor';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { decodeCursor, encodeCursor } from './dynamodb/page-cursor';
import { parseItem } from './dynamodb/parse-item';

const DAY_MS = 86_400_000;
/** The audit log is read a page at a time, newest day first; this bounds a page's day scan. */
const MAX_DAYS_PER_PAGE = 400;
const DAYS_PER_BATCH = 31;
const BUCKET_MINUTES = 10;
const CHANNELS = ['national', 'province'] as const;

const dayOf = (iso: string) => iso.slice(0, 10);

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

const auditPositionSchema = z.object({ day: z.string(), sk: z.string().optional() });

const bucketSchema = z.object({
  sk: z.string(),
  delivered: z.number().default(0),
  failed: z.number().default(0),
  parked: z.number().default(0),
});

/**
 * Audit entries in day partitions (itemKeys.auditEntry): writes spread over days, and "newest
 * first" is a reverse query of today, then yesterday, and so on.
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
          Item: { ...itemKeys.auditEntry(full.at, full.id), ...full },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return full;
    },
    async list({ limit, cursor, filter }) {
      const decoded = decodeCursor(cursor);
      const position = decoded ? auditPositionSchema.parse(decoded) : undefined;
      const startDay = position?.day ?? dayOf(now().toISOString());
      const dayBefore = (day: string) =>
        dayOf(new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString());
      const conditions = auditFilterOf(filter);
      // A filter is applied after Limit: a day is read on until it has a page's worth of matches.
      const readDay = async (day: string, before: string | undefined) => {
        const found: AuditEntry[] = [];
        let startKey: Record<string, unknown> | undefined;
        do {
          const result = await client.send(
            new QueryCommand({
              TableName: options.tableName,
              KeyConditionExpression: before ? 'pk = :pk AND sk < :before' : 'pk = :pk',
              ...(conditions ? { FilterExpression: conditions.expression } : {}),
              ...(conditions?.names ? { ExpressionAttributeNames: conditions.names } : {}),
              ExpressionAttributeValues: {
                ':pk': accessPatterns.auditOfDay.partition(day),
                ...(before ? { ':before': before } : {}),
                ...conditions?.values,
              },
              ScanIndexForward: false,
              Limit: limit,
              ...(startKey ? { ExclusiveStartKey: startKey } : {}),
            }),
          );
          found.push(...(result.Items ?? []).map((item) => parseItem(auditEntrySchema, item, 'audit entry')));
          startKey = conditions ? result.LastEvaluatedKey : undefined;
        } while (startKey && found.length < limit);
        return found;
      };
      const items: AuditEntry[] = [];
      let day = startDay;
      // Days are read a batch at a time, side by side: most days of a quiet log are empty, and
      // one round trip per empty day would keep an administrator waiting.
      for (let scanned = 0; scanned < MAX_DAYS_PER_PAGE && items.length < limit; ) {
        const days: string[] = [];
        for (; days.length < DAYS_PER_BATCH && scanned < MAX_DAYS_PER_PAGE; scanned += 1) {
          days.push(day);
          day = dayBefore(day);
        }
        const pages = await Promise.all(
          days.map((batchDay) => readDay(batchDay, batchDay === startDay ? position?.sk : undefined)),
        );
        for (const [index, page] of pages.entries()) {
          const room = limit - items.length;
          items.push(...page.slice(0, room));
          const last = items.at(-1);
          if (items.length >= limit && last) {
            return {
              items,
              cursor: encodeCursor({ day: days[index], sk: itemKeys.auditEntry(last.at, last.id).sk }),
            };
          }
        }
      }
      return { items };
    },
  };
}

/** Who (a person's subject, a client id, or a legacy bare actor string) and what, as a DynamoDB filter. */
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
