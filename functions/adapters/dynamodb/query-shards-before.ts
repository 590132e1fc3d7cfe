import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

/** A list on an index, spread over numbered partitions (gateway-table's sharded lists). */
interface ShardedList {
  readonly index: string;
  readonly partitionAttribute: string;
  readonly sortAttribute: string;
  partition(shard: number): string;
}

/**
 * The entries of a sharded list whose sort value is before `before`: shard after shard, each in
 * its own order, until `limit` are found. The shards are not merged: the caller sorts what it needs.
 */
export async function queryShardsBefore(
  client: DynamoDBDocumentClient,
  list: ShardedList,
  query: { tableName: string; shards: number; before: string; limit: number; maxPages: number },
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let shard = 0; shard < query.shards && found.length < query.limit; shard += 1) {
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < query.maxPages && found.length < query.limit; page += 1) {
      const result = await client.send(
        new QueryCommand({
          TableName: query.tableName,
          IndexName: list.index,
          KeyConditionExpression: `${list.partitionAttribute} = :shard AND ${list.sortAttribute} < :before`,
          ExpressionAttributeValues: { ':shard': list.partition(shard), ':before': query.before },
          Limit: query.limit - found.length,
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
  }
  return found;
}
