import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { catalogueVersionSummarySchema } from '../../contracts/catalogues';
import { type CatalogueEntry, catalogueEntrySchema } from '../../contracts/national-catalogues';
import type { CatalogueStore } from '../ports/catalogue-store';
import { writeIfCondition } from './dynamodb/conditional-write';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';
import { queryAllPages } from './dynamodb/query-pages';

/**
 * National catalogues in the gateway table, one partition per kind: the entries of a version in
 * chunks (itemKeys.catalogueEntries), then its summary (catalogueVersion, claimed with a
 * condition so two refreshes cannot both write version n), and last the pointer to the current
 * version (catalogueCurrent). A reader follows the pointer, so it never sees a version that is
 * not stored whole. Versions are kept (a new one only when the portal's list changed: a few a
 * month, a few hundred KB each), which is what lets an administrator see what changed when.
 */

/** Well under DynamoDB's 400 KB per item, counted in UTF-8 bytes (Vietnamese names take 2-3 per letter). */
const CHUNK_BYTES = 300_000;
const MAX_PAGES = 1000;

const versionItemSchema = z.object({ summary: catalogueVersionSummarySchema, writeId: z.string() });
const currentItemSchema = z.object({ version: z.number().int().min(1) });
const entriesItemSchema = z.object({ items: z.array(catalogueEntrySchema) });

function chunksOf(items: readonly CatalogueEntry[]): CatalogueEntry[][] {
  const chunks: CatalogueEntry[][] = [];
  let chunk: CatalogueEntry[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item));
    if (chunk.length > 0 && bytes + size > CHUNK_BYTES) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export function createDynamoDbCatalogueStore(
  client: DynamoDBDocumentClient,
  options: { readonly tableName: string; readonly newId: () => string },
): CatalogueStore {
  const { tableName } = options;

  async function versionItem(kind: string, version: number) {
    const found = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: itemKeys.catalogueVersion(kind, version),
        ConsistentRead: true,
      }),
    );
    return found.Item && parseItem(versionItemSchema, found.Item, 'catalogue version');
  }

  async function currentVersion(kind: string, consistent: boolean) {
    const pointer = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: itemKeys.catalogueCurrent(kind),
        ConsistentRead: consistent,
      }),
    );
    return pointer.Item && parseItem(currentItemSchema, pointer.Item, 'catalogue pointer').version;
  }

  return {
    async current(kind) {
      const version = await currentVersion(kind, false);
      if (version === undefined) return undefined;
      const head = await versionItem(kind, version);
      if (!head) throw new Error(`catalogue ${kind} points at version ${version}, which is not stored`);
      const chunks = await queryAllPages(
        client,
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entries)',
          ExpressionAttributeValues: {
            ':pk': accessPatterns.catalogueEntriesOfVersion.partition(kind),
            ':entries': accessPatterns.catalogueEntriesOfVersion.sortPrefix(version, head.writeId),
          },
        },
        MAX_PAGES,
      );
      const items = chunks.flatMap((item) => parseItem(entriesItemSchema, item, 'catalogue entries').items);
      return { ...head.summary, items };
    },

    async saveVersion(version) {
      const { items, ...summary } = version;
      // Only the next version is written at all: no summary of a version that can never be current.
      if (((await currentVersion(version.kind, true)) ?? 0) !== version.version - 1) return false;
      const writeId = options.newId();
      let chunk = 0;
      for (const entries of chunksOf(items)) {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...itemKeys.catalogueEntries(version.kind, version.version, writeId, chunk),
              items: entries,
            },
          }),
        );
        chunk += 1;
      }
      const claimed = await writeIfCondition(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...itemKeys.catalogueVersion(version.kind, version.version), summary, writeId },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      if (!claimed) return false;
      return writeIfCondition(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...itemKeys.catalogueCurrent(version.kind), version: version.version },
            ConditionExpression: version.version === 1 ? 'attribute_not_exists(pk)' : 'version = :previous',
            ...(version.version === 1
              ? {}
              : { ExpressionAttributeValues: { ':previous': version.version - 1 } }),
          }),
        ),
      );
    },

    async markChecked(kind, version, at) {
      await writeIfCondition(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: itemKeys.catalogueVersion(kind, version),
            UpdateExpression: 'SET summary.checkedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND summary.checkedAt < :at',
            ExpressionAttributeValues: { ':at': at },
          }),
        ),
      );
    },

    async listVersions(kind, limit) {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :versions)',
          ExpressionAttributeValues: {
            ':pk': accessPatterns.catalogueVersions.partition(kind),
            ':versions': accessPatterns.catalogueVersions.sortPrefix,
          },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map(
        (item) => parseItem(versionItemSchema, item, 'catalogue version').summary,
      );
    },
  };
}
