import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { scheduleRunSchema } from '../../contracts/schedules';
import type { ScheduleRuns } from '../ports/schedule-runs';
import { writeIfCondition } from './dynamodb/conditional-write';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';

const lastRunItemSchema = z.object({ run: scheduleRunSchema });

/**
 * One item per schedule in one partition (itemKeys.scheduleLastRun): a handful of schedules,
 * read together for the list. A run that started earlier than the kept one (a slow timer run
 * finishing after a quicker manual one) does not replace it.
 */
export function createDynamoDbScheduleRuns(
  client: DynamoDBDocumentClient,
  options: { tableName: string },
): ScheduleRuns {
  const { tableName } = options;
  return {
    async record(run) {
      await writeIfCondition(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...itemKeys.scheduleLastRun(run.schedule), startedAt: run.startedAt, run },
            ConditionExpression: 'attribute_not_exists(pk) OR startedAt <= :startedAt',
            ExpressionAttributeValues: { ':startedAt': run.startedAt },
          }),
        ),
      );
    },
    async lastRuns() {
      // A schedule item each: one page holds them all.
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': accessPatterns.scheduleLastRuns.partition },
        }),
      );
      return (page.Items ?? []).map((item) => parseItem(lastRunItemSchema, item, 'schedule run').run);
    },
  };
}
