import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * Every item a query matches, page after page. `maxPages` only stops a runaway loop: callers
 * choose it well above what their partition can hold.
 */
export async function queryAllPages(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
  maxPages: number,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
    if (!startKey) return items;
  }
  throw new Error(`query on ${input.TableName} did not finish within ${maxPages} pages`);
}
