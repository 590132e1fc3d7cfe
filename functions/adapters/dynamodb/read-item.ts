import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableKey } from './gateway-table';

/**
 * The item at `key`, read strongly consistent, through `toValue` (its kind's parseItem);
 * undefined when there is none. Consistent because the records read this way are changed over
 * what was read (a revision, a state), and a replica's older copy would only lose the race.
 */
export async function readItem<Value>(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: TableKey,
  toValue: (item: Record<string, unknown>) => Value,
): Promise<Value | undefined> {
  const result = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return result.Item ? toValue(result.Item) : undefined;
}
