import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeadlineWatch, WatchedDossier } from '../ports/deadline-watch';
import { deadlineShard } from './dynamodb-dossier-store';

/**
 * The deadline watch list is the national progress items that carry a `DEADLINE#<n>` shard in the
 * `pending` index (written by the relay as it delivers, see the dossier store's recordDelivery),
 * sorted by `<dueAt>#<dossierCode>`.
 */
export function createDynamoDbDeadlineWatch(
  client: DynamoDBDocumentClient,
  options: { tableName: string; pendingShards: number },
): DeadlineWatch {
  return {
    async listDueBy(until, limit) {
      const shards = Array.from({ length: options.pendingShards }, (_, shard) => deadlineShard(shard));
      const pages = await Promise.all(
        shards.map((shard) =>
          client.send(
            new QueryCommand({
              TableName: options.tableName,
              IndexName: 'pending',
              KeyConditionExpression: 'pendingShard = :shard AND pendingSince < :after',
              // '$' sorts after '#': every dossier due exactly at `until` is included.
              ExpressionAttributeValues: { ':shard': shard, ':after': `${until}$` },
              Limit: limit,
            }),
          ),
        ),
      );
      const watched: WatchedDossier[] = [];
      for (const item of pages.flatMap((page) => page.Items ?? [])) {
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
