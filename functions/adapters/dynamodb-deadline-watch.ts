import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeadlineWatch } from '../ports/deadline-watch';
import { createProgressItems } from './dynamodb/progress-items';

/**
 * The deadline watch list is the national delivery progress items on the `deadlinesByShard`
 * list (dynamodb/gateway-table.ts), put there by the relay as it delivers (the dossier store's
 * recordDelivery) and ordered by promised date.
 */
export function createDynamoDbDeadlineWatch(
  client: DynamoDBDocumentClient,
  options: { tableName: string; pendingShards: number; now?: () => Date },
): DeadlineWatch {
  const progress = createProgressItems(client, { ...options, now: options.now ?? (() => new Date()) });
  return {
    async listNeedingNotice(query) {
      const watched = await progress.listDeadlines(query);
      return watched.sort((left, right) => left.dueAt.localeCompare(right.dueAt)).slice(0, query.limit);
    },
    recordNotice: progress.recordNotice,
  };
}
