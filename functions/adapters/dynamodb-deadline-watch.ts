import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeadlineWatch, WatchedDossier } from '../ports/deadline-watch';
import { deadlineShard } from './dynamodb-dossier-store';

/**
 * The deadline watch list is the national progress items that carry a `DEADLINE#<n>` shard in the
 * `pending` index (written by the relay as it delivers, see the dossier store's recordDelivery),
 * sorted by `<dueAt>#<dossierCode>`.
 */
/** Bounds one shard's read in a run; what is left waits for the next run. */
const MAX_PAGES = 20;

export function createDynamoDbDeadlineWatch(
  client: DynamoDBDocumentClient,
  options: { tableName: string; pendingShards: number },
): DeadlineWatch {
  return {
    async listNeedingNotice({ now, until, limit }) {
      const shards = Array.from({ length: options.pendingShards }, (_, shard) => deadlineShard(shard));
      const perShard = await Promise.all(
        shards.map(async (shard) => {
          const items: Record<string, unknown>[] = [];
          let startKey: Record<string, unknown> | undefined;
          // Dossiers already told they are due soon stay on the list until they are overdue; the
          // filter skips them so that they cannot crowd out the ones not yet told.
          for (let page = 0; page < MAX_PAGES && items.length < limit; page += 1) {
            const result = await client.send(
              new QueryCommand({
                TableName: options.tableName,
                IndexName: 'pending',
                KeyConditionExpression: 'pendingShard = :shard AND pendingSince < :after',
                FilterExpression:
                  'attribute_not_exists(dueSoonNoticeFor) OR dueSoonNoticeFor <> tracked.dueAt OR tracked.dueAt < :now',
                // '$' sorts after '#': every dossier due exactly at `until` is included.
                ExpressionAttributeValues: { ':shard': shard, ':after': `${until}$`, ':now': now },
                ExclusiveStartKey: startKey,
                Limit: limit,
              }),
            );
            items.push(...((result.Items ?? []) as Record<string, unknown>[]));
            startKey = result.LastEvaluatedKey;
            if (!startKey) break;
          }
          return items;
        }),
      );
      const watched: WatchedDossier[] = [];
      for (const item of perShard.flat()) {
        const tracked = (item.tracked ?? {}) as WatchedDossier['tracked'];
        if (!tracked.dueAt || !tracked.agencyCode || !item.nationalStatus) continue;
        watched.push({
          dossierCode: (item.pk as string).slice('DOSSIER#'.length),
          agencyCode: tracked.agencyCode,
          dueAt: tracked.dueAt,
          status: item.nationalStatus as WatchedDossier['status'],
          tracked,
          ...(item.dueSoonNoticeFor ? { dueSoonNoticeFor: item.dueSoonNoticeFor as string } : {}),
          ...(item.overdueNoticeFor ? { overdueNoticeFor: item.overdueNoticeFor as string } : {}),
        });
      }
      return watched.sort((left, right) => left.dueAt.localeCompare(right.dueAt)).slice(0, limit);
    },

    async recordNotice(dossierCode, threshold, dueAt) {
      const overdue = threshold === 'overdue';
      try {
        await client.send(
          new UpdateCommand({
            TableName: options.tableName,
            Key: { pk: `DOSSIER#${dossierCode}`, sk: 'PROGRESS#national' },
            UpdateExpression: overdue
              ? 'SET overdueNoticeFor = :dueAt REMOVE pendingShard, pendingSince'
              : 'SET dueSoonNoticeFor = :dueAt',
            ConditionExpression: 'tracked.dueAt = :dueAt',
            ExpressionAttributeValues: { ':dueAt': dueAt },
          }),
        );
      } catch (error) {
        // The relay moved the promised date meanwhile: the new date starts its own notices.
        if (
          error instanceof ConditionalCheckFailedException ||
          (error as Error).name === 'ConditionalCheckFailedException'
        )
          return;
        throw error;
      }
    },
  };
}
