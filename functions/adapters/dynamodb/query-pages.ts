import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../ports/page';
import { decodeCursor, encodeCursor } from './page-cursor';

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

/**
 * One page of a listing: up to `page.limit` items from where `page.cursor` stopped. A filter is
 * applied after DynamoDB's Limit, so pages are read on until enough items match, the query ends
 * or `maxPages` were read; the cursor returned is where the next page starts.
 */
export async function queryPage<Item>(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
  page: PageQuery,
  toItem: (item: Record<string, unknown>) => Item,
  maxPages: number,
): Promise<Page<Item>> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined = decodeCursor(page.cursor);
  for (let read = 0; read < maxPages && items.length < page.limit; read += 1) {
    const result = await client.send(
      new QueryCommand({ ...input, Limit: page.limit - items.length, ExclusiveStartKey: startKey }),
    );
    items.push(...(result.Items ?? []).map(toItem));
    startKey = result.LastEvaluatedKey;
    if (!startKey) break;
  }
  const cursor = encodeCursor(startKey);
  return cursor ? { items, cursor } : { items };
}
