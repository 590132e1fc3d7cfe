import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type CodeMapping, codeMappingSchema, UNMAPPED_DAYS } from '../../contracts/code-mappings';
import { catalogueKindSchema } from '../../contracts/national-catalogues';
import { sumByCode } from '../core/sum-by-code';
import type { CodeMappings } from '../ports/code-mappings';
import { accessPatterns, gatewayTable, itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';
import { queryAllPages } from './dynamodb/query-pages';
import { expiryOf } from './dynamodb/retention';

/**
 * Mapping tables in the gateway table, one partition per kind (itemKeys.codeMapping); each
 * write is one item, answered with the item it replaced (ReturnValues ALL_OLD), so the audit
 * log's "before" is exactly what the write overwrote however many administrators edit at once.
 * Unexplained codes: one item per code and Vietnam day, a string set of dossier codes added to
 * by an update (no read), expiring a few days after the console's 30-day window.
 */

const MAX_PAGES = 100;
/** Kept past the console's window so a day read near midnight is whole. */
const UNMAPPED_RETENTION_SECONDS = (UNMAPPED_DAYS + 5) * 24 * 60 * 60;

const unmappedItemSchema = z.object({
  kind: catalogueKindSchema,
  localCode: z.string(),
  dossiers: z.set(z.string()),
  lastSeen: z.string(),
});

const mappingOf = (item: Record<string, unknown> | undefined) =>
  item && parseItem(codeMappingSchema, item, 'code mapping');

export function createDynamoDbCodeMappings(
  client: DynamoDBDocumentClient,
  options: { readonly tableName: string },
): CodeMappings {
  const { tableName } = options;
  const itemOf = (mapping: CodeMapping) => ({
    ...itemKeys.codeMapping(mapping.kind, mapping.localCode),
    ...mapping,
  });

  const wholePartition = (pk: string) =>
    queryAllPages(
      client,
      { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } },
      MAX_PAGES,
    );

  return {
    async list(kind) {
      const items = await wholePartition(accessPatterns.mappingsOfKind.partition(kind));
      return items.map((item) => parseItem(codeMappingSchema, item, 'code mapping'));
    },

    async put(mapping) {
      const result = await client.send(
        new PutCommand({ TableName: tableName, Item: itemOf(mapping), ReturnValues: 'ALL_OLD' }),
      );
      return mappingOf(result.Attributes);
    },

    async putMany(mappings) {
      // One Put per row, a few at a time: BatchWrite would need its own retry of unprocessed items.
      const parallel = 10;
      for (let start = 0; start < mappings.length; start += parallel) {
        await Promise.all(
          mappings
            .slice(start, start + parallel)
            .map((mapping) => client.send(new PutCommand({ TableName: tableName, Item: itemOf(mapping) }))),
        );
      }
    },

    async remove(kind, localCode) {
      const result = await client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: itemKeys.codeMapping(kind, localCode),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return mappingOf(result.Attributes);
    },

    async recordUnmapped({ kind, localCode, dossierCode, day, at }) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: itemKeys.unmappedCodeOfDay(day, kind, localCode),
          UpdateExpression:
            'ADD dossiers :dossier SET kind = :kind, localCode = :code, lastSeen = :at, #expires = :expires',
          ExpressionAttributeNames: { '#expires': gatewayTable.ttlAttribute },
          ExpressionAttributeValues: {
            ':dossier': new Set([dossierCode]),
            ':kind': kind,
            ':code': localCode,
            ':at': at,
            ':expires': expiryOf(at, UNMAPPED_RETENTION_SECONDS)[gatewayTable.ttlAttribute],
          },
        }),
      );
    },

    async listUnmapped(days) {
      const perDay = await Promise.all(
        days.map(async (day) => {
          const items = await wholePartition(accessPatterns.unmappedCodesOfDay.partition(day));
          return items.map((item) => {
            const seen = parseItem(unmappedItemSchema, item, 'unmapped code');
            return { ...seen, dossiers: seen.dossiers.size };
          });
        }),
      );
      return sumByCode(perDay.flat());
    },
  };
}
