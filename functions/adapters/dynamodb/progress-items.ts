import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dossierStatusSchema } from '../../../contracts/dossier-status';
import type { Channel, DeliveryProgress, ProgressUpdate } from '../../core/dossier-message';
import type { TrackedFacts } from '../../core/dossier-tracking';
import type { DeadlineThreshold, WatchedDossier } from '../../ports/deadline-watch';
import { watchedDossierOf } from '../watched-dossier';
import { writeIfCondition } from './conditional-write';
import { accessPatterns, dossierCodeOf, itemKeys } from './gateway-table';
import type { DossierItemsOptions } from './message-items';
import { parseItem } from './parse-item';
import { expiryOf } from './retention';

/** Bounds one shard's read of the deadline list in a run; what is left waits for the next run. */
const MAX_DEADLINE_PAGES = 20;

const trackedFactsSchema = z.object({
  agencyCode: z.string().optional(),
  procedureCode: z.string().optional(),
  online: z.boolean().optional(),
  receivedAt: z.string().optional(),
  dueAt: z.string().optional(),
}) satisfies z.ZodType<TrackedFacts>;

/**
 * A progress item is created by whichever write comes first (a failed attempt, a park, a
 * delivery), so nothing but its key is certain: an item without `deliveredSequence` has
 * delivered nothing yet.
 */
const progressSchema = z.object({
  deliveredSequence: z.number().int().default(0),
  nationalSynced: z.boolean().default(false),
  nationalStatus: dossierStatusSchema.optional(),
  lastSyncedAt: z.string().optional(),
  lastError: z.string().optional(),
  parkedSequence: z.number().int().optional(),
  firstStepSequence: z.number().int().optional(),
  tracked: trackedFactsSchema.optional(),
  dueSoonNoticeFor: z.string().optional(),
  overdueNoticeFor: z.string().optional(),
}) satisfies z.ZodType<DeliveryProgress>;

const watchedSchema = z.object({
  pk: z.string(),
  nationalStatus: dossierStatusSchema.optional(),
  tracked: trackedFactsSchema.optional(),
  dueSoonNoticeFor: z.string().optional(),
  overdueNoticeFor: z.string().optional(),
});

/** `deliveredSequence` may move from `sequence - 1` to `sequence`; an absent one counts as 0. */
const follows = (sequence: number, rest = '') =>
  sequence === 1
    ? `${rest}(attribute_not_exists(deliveredSequence) OR deliveredSequence = :previous)`
    : `${rest}deliveredSequence = :previous`;

/**
 * Delivery progress items: DOSSIER#<code> / PROGRESS#<channel>, one per dossier and channel.
 * They carry the relay's position (`deliveredSequence`, moved only from n-1 to n), the parked
 * message everything later waits behind, the last error, and on the national channel what the
 * deadlines and indicators track. A national item with a promised date to watch is on the
 * `deadlinesByShard` list.
 */
export function createProgressItems(client: DynamoDBDocumentClient, options: DossierItemsOptions) {
  const { tableName } = options;
  const deadlines = accessPatterns.deadlinesByShard;
  /** Progress is pushed forward on every write, so it outlives the messages it describes. */
  const freshExpiry = () => expiryOf(options.now(), options.retentionSeconds);
  const expirySet = () => {
    const expiry = freshExpiry();
    return expiry.expiresAt === undefined
      ? { clause: '', values: {} }
      : { clause: ', expiresAt = :expiresAt', values: { ':expiresAt': expiry.expiresAt } };
  };
  const key = (channel: Channel, dossierCode: string) => itemKeys.deliveryProgress(dossierCode, channel);

  /**
   * One update of a dossier's progress item, only while `condition` holds (false when it did
   * not); every one but `keepExpiry`'s pushes the item's expiry forward with what it sets.
   */
  function updateItem(
    channel: Channel,
    dossierCode: string,
    change: {
      readonly set?: readonly string[];
      readonly remove?: readonly string[];
      readonly condition?: string;
      readonly values?: Record<string, unknown>;
      readonly keepExpiry?: boolean;
    },
  ): Promise<boolean> {
    const expiry = change.keepExpiry ? { clause: '', values: {} } : expirySet();
    const set = change.set?.length ? `SET ${change.set.join(', ')}${expiry.clause}` : '';
    const remove = change.remove?.length ? ` REMOVE ${change.remove.join(', ')}` : '';
    const values = { ...change.values, ...expiry.values };
    return writeIfCondition(() =>
      client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(channel, dossierCode),
          UpdateExpression: `${set}${remove}`.trim(),
          ...(change.condition ? { ConditionExpression: change.condition } : {}),
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  }

  async function get(channel: Channel, dossierCode: string): Promise<DeliveryProgress> {
    const result = await client.send(
      new GetCommand({ TableName: tableName, Key: key(channel, dossierCode), ConsistentRead: true }),
    );
    return result.Item
      ? parseItem(progressSchema, result.Item, 'delivery progress')
      : progressSchema.parse({});
  }

  return {
    get,

    /**
     * Moves progress from sequence-1 to sequence with what the delivery changed; false when
     * the condition did not hold (progress is elsewhere: the caller reads it to tell why).
     */
    async advance(
      channel: Channel,
      dossierCode: string,
      sequence: number,
      update: ProgressUpdate & { readonly lastSyncedAt: string },
    ): Promise<boolean> {
      const sets = ['deliveredSequence = :sequence', 'lastSyncedAt = :at'];
      const values: Record<string, unknown> = {
        ':sequence': sequence,
        ':previous': sequence - 1,
        ':at': update.lastSyncedAt,
      };
      if (update.nationalSynced !== undefined) {
        sets.push('nationalSynced = :synced');
        values[':synced'] = update.nationalSynced;
      }
      if (update.nationalStatus) {
        sets.push('nationalStatus = :nationalStatus');
        values[':nationalStatus'] = update.nationalStatus;
      }
      if (update.tracked) {
        sets.push('tracked = :tracked');
        values[':tracked'] = update.tracked;
      }
      const removes = ['lastError'];
      if (update.watchDeadline) {
        const entry = deadlines.entry(
          dossierCode,
          options.pendingShards,
          deadlines.sortValue(update.watchDeadline, dossierCode),
        );
        sets.push(
          `${deadlines.partitionAttribute} = :deadlineShard`,
          `${deadlines.sortAttribute} = :deadlineSince`,
        );
        values[':deadlineShard'] = entry.pendingShard;
        values[':deadlineSince'] = entry.pendingSince;
      } else if (update.watchDeadline === null) {
        removes.push(deadlines.partitionAttribute, deadlines.sortAttribute);
      }
      return updateItem(channel, dossierCode, {
        set: sets,
        remove: removes,
        condition: follows(sequence),
        values,
      });
    },

    /**
     * Remembers that the receiver took the first call of delivering `sequence` (docs/adr/0013),
     * while `sequence` is still the next to deliver; false when progress has moved on.
     */
    async recordFirstStep(channel: Channel, dossierCode: string, sequence: number): Promise<boolean> {
      return updateItem(channel, dossierCode, {
        set: ['firstStepSequence = :sequence'],
        condition: follows(sequence),
        values: { ':sequence': sequence, ':previous': sequence - 1 },
      });
    },

    /** The detail of the latest failed attempt, until a delivery clears it. */
    async recordError(channel: Channel, dossierCode: string, detail: string): Promise<void> {
      await updateItem(channel, dossierCode, { set: ['lastError = :error'], values: { ':error': detail } });
    },

    /** Blocks the dossier behind `sequence`, unless an earlier parked message blocks it already. */
    async block(channel: Channel, dossierCode: string, sequence: number, error: string): Promise<void> {
      // False: an earlier message of the dossier is parked already; this one waits behind it too.
      await updateItem(channel, dossierCode, {
        set: ['parkedSequence = :sequence', 'lastError = :error'],
        condition: 'attribute_not_exists(parkedSequence) OR parkedSequence > :sequence',
        values: { ':sequence': sequence, ':error': error },
      });
    },

    /** Lifts the block if `sequence` is what blocks (another, earlier parked message keeps its block). */
    async unblock(channel: Channel, dossierCode: string, sequence: number): Promise<void> {
      await updateItem(channel, dossierCode, {
        remove: ['parkedSequence'],
        condition: 'parkedSequence = :sequence',
        values: { ':sequence': sequence },
        keepExpiry: true,
      });
    },

    /**
     * Moves progress past the parked message at `sequence` and lifts its block; false unless
     * it is the dossier's parked head (parked, and next in order).
     */
    skip(channel: Channel, dossierCode: string, sequence: number): Promise<boolean> {
      return updateItem(channel, dossierCode, {
        set: ['deliveredSequence = :sequence'],
        remove: ['parkedSequence'],
        condition: follows(sequence, 'parkedSequence = :sequence AND '),
        values: { ':sequence': sequence, ':previous': sequence - 1 },
        keepExpiry: true,
      });
    },

    /**
     * National progress items on the deadline list due at or before `until` that need a look:
     * not yet told they are due soon, or already past due. At most `limit` per shard.
     */
    async listDeadlines(query: { now: string; until: string; limit: number }): Promise<WatchedDossier[]> {
      const perShard = await Promise.all(
        Array.from({ length: options.pendingShards }, async (_, shard) => {
          const items: Record<string, unknown>[] = [];
          let startKey: Record<string, unknown> | undefined;
          // Dossiers already told they are due soon stay on the list until they are overdue; the
          // filter skips them so that they cannot crowd out the ones not yet told.
          for (let page = 0; page < MAX_DEADLINE_PAGES && items.length < query.limit; page += 1) {
            const result = await client.send(
              new QueryCommand({
                TableName: tableName,
                IndexName: deadlines.index,
                KeyConditionExpression: `${deadlines.partitionAttribute} = :shard AND ${deadlines.sortAttribute} < :after`,
                FilterExpression:
                  'attribute_not_exists(dueSoonNoticeFor) OR dueSoonNoticeFor <> tracked.dueAt OR tracked.dueAt < :now',
                // '$' sorts after '#': every dossier due exactly at `until` is included.
                ExpressionAttributeValues: {
                  ':shard': deadlines.partition(shard),
                  ':after': `${query.until}$`,
                  ':now': query.now,
                },
                ExclusiveStartKey: startKey,
                Limit: query.limit,
              }),
            );
            items.push(...(result.Items ?? []));
            startKey = result.LastEvaluatedKey;
            if (!startKey) break;
          }
          return items;
        }),
      );
      const watched: WatchedDossier[] = [];
      for (const item of perShard.flat()) {
        const progress = parseItem(watchedSchema, item, 'watched progress');
        const entry = watchedDossierOf(dossierCodeOf(progress.pk), progress);
        if (entry) watched.push(entry);
      }
      return watched;
    },

    /**
     * Remembers a deadline notice for a promised date; the overdue one also takes the dossier off
     * the deadline list. A no-op once the relay has moved the promised date.
     */
    async recordNotice(dossierCode: string, threshold: DeadlineThreshold, dueAt: string): Promise<void> {
      const overdue = threshold === 'overdue';
      // False: the relay moved the promised date meanwhile; the new date starts its own notices.
      await updateItem('national', dossierCode, {
        set: [overdue ? 'overdueNoticeFor = :dueAt' : 'dueSoonNoticeFor = :dueAt'],
        remove: overdue ? [deadlines.partitionAttribute, deadlines.sortAttribute] : [],
        condition: 'tracked.dueAt = :dueAt',
        values: { ':dueAt': dueAt },
        keepExpiry: true,
      });
    },
  };
}
