import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { mayActForAgency } from '../core/agency-grants';
import type { ProvinceSystem, ProvinceSystems } from '../ports/province-systems';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';

const provinceSystemSchema = z.object({
  clientId: z.string(),
  agencies: z.array(z.string()),
  webhookUrl: z.string(),
}) satisfies z.ZodType<ProvinceSystem>;

/**
 * Provincial systems are few (one per province vendor), so all of them are read in one query
 * (`provinceSystems`) and kept for a short while: routing a national push costs no read on the
 * hot path.
 */
export function createDynamoDbProvinceSystems(
  client: DynamoDBDocumentClient,
  options: { tableName: string; cacheSeconds: number; now?: () => number },
): ProvinceSystems & { register(system: ProvinceSystem): Promise<void> } {
  const now = options.now ?? Date.now;
  let cached: { at: number; systems: ProvinceSystem[] } | undefined;

  async function all(): Promise<ProvinceSystem[]> {
    if (cached && now() - cached.at < options.cacheSeconds * 1000) return cached.systems;
    const result = await client.send(
      new QueryCommand({
        TableName: options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': accessPatterns.provinceSystems.partition },
      }),
    );
    const systems = (result.Items ?? []).map((item) =>
      parseItem(provinceSystemSchema, item, 'province system'),
    );
    cached = { at: now(), systems };
    return systems;
  }

  return {
    async findOwner(agencyCode) {
      return (await all()).find((system) => mayActForAgency(system.agencies, agencyCode));
    },
    list: all,
    async register(system) {
      await client.send(
        new PutCommand({
          TableName: options.tableName,
          Item: { ...itemKeys.provinceSystem(system.clientId), ...system },
        }),
      );
      cached = undefined;
    },
  };
}
