import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { systemKindSchema } from '../../contracts/connected-systems';
import { scopeSchema } from '../../contracts/oauth';
import { mayActForAgency } from '../core/agency-grants';
import { GatewayError } from '../core/gateway-error';
import type { ConnectedSystem, ConnectedSystems } from '../ports/connected-systems';
import type { ProvinceSystem, ProvinceSystems } from '../ports/province-systems';
import { isConditionFailure } from './dynamodb/conditional-write';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';
import { queryAllPages } from './dynamodb/query-pages';
import { createReadCache } from './read-cache';

/** Bound on query pages: systems are one per province vendor, far below one page. */
const MAX_PAGES = 100;

/** A row of the partition: a connected system, or a webhook route written before systems had a kind. */
const storedRowSchema = z.object({
  clientId: z.string(),
  agencies: z.array(z.string()),
  webhookUrl: z.string().optional(),
  kind: systemKindSchema.optional(),
  name: z.string().optional(),
  scopes: z.array(scopeSchema).optional(),
  disabled: z.boolean().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  webhookSecrets: z.array(z.object({ sealed: z.string(), validUntil: z.string().optional() })).optional(),
});
type StoredRow = z.infer<typeof storedRowSchema>;

function systemOf(row: StoredRow): ConnectedSystem | undefined {
  const { kind, name, scopes, createdAt, updatedAt } = row;
  if (!kind || !name || !scopes || !createdAt || !updatedAt) return undefined;
  return {
    clientId: row.clientId,
    name,
    kind,
    agencies: row.agencies,
    scopes,
    ...(row.webhookUrl ? { webhookUrl: row.webhookUrl } : {}),
    disabled: row.disabled ?? false,
    createdAt,
    updatedAt,
    webhookSecrets: row.webhookSecrets ?? [],
  };
}

/** The webhook route of a row: enabled, with an address; its sealed secrets when it has some. */
function routeOf(row: StoredRow): ProvinceSystem | undefined {
  if (!row.webhookUrl || row.disabled) return undefined;
  return {
    clientId: row.clientId,
    agencies: row.agencies,
    webhookUrl: row.webhookUrl,
    ...(row.webhookSecrets ? { webhookSecrets: row.webhookSecrets } : {}),
  };
}

/**
 * Connected systems in the gateway table (itemKeys.connectedSystem). A system and its API
 * client are one item (the secret as a hash beside the settings), so a save is one conditional
 * write: never half-stored. The client registry reads the same item (dynamodb-client-registry.ts).
 *
 * Systems are few (one per province vendor), so routing reads all of them in one query
 * (`connectedSystems`) and keeps them for a short while: routing a national push costs no read on
 * the hot path; a save through this instance forgets them at once, other instances within
 * `cacheSeconds`.
 */
export function createDynamoDbConnectedSystems(
  client: DynamoDBDocumentClient,
  options: { tableName: string; cacheSeconds: number; now?: () => number },
): ConnectedSystems & ProvinceSystems {
  const cached = createReadCache<'systems', StoredRow[]>({
    maxAgeMs: options.cacheSeconds * 1000,
    now: options.now,
  });

  async function rows(): Promise<StoredRow[]> {
    const items = await queryAllPages(
      client,
      {
        TableName: options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': accessPatterns.connectedSystems.partition },
      },
      MAX_PAGES,
    );
    return items.map((item) => parseItem(storedRowSchema, item, 'connected system'));
  }

  const cachedRows = () => cached.read('systems', rows);

  return {
    async findOwner(agencyCode) {
      const routes = (await cachedRows()).flatMap((row) => routeOf(row) ?? []);
      return routes.find((route) => mayActForAgency(route.agencies, agencyCode));
    },
    async webhookReceivers() {
      return (await cachedRows()).flatMap((row) => routeOf(row) ?? []);
    },
    async list() {
      return (await rows())
        .flatMap((row) => systemOf(row) ?? [])
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async find(clientId) {
      const result = await client.send(
        new GetCommand({ TableName: options.tableName, Key: itemKeys.connectedSystem(clientId) }),
      );
      return result.Item ? systemOf(parseItem(storedRowSchema, result.Item, 'connected system')) : undefined;
    },
    async save(system, registered, expected) {
      const { secretHash, previousSecret } = registered;
      try {
        await client.send(
          new PutCommand({
            TableName: options.tableName,
            Item: {
              ...itemKeys.connectedSystem(system.clientId),
              ...system,
              secretHash,
              ...(previousSecret ? { previousSecret } : {}),
            },
            // A registration may take over a route row of before systems had a kind, never a system.
            ...('absent' in expected
              ? { ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(kind)' }
              : {
                  ConditionExpression: 'updatedAt = :expected',
                  ExpressionAttributeValues: { ':expected': expected.updatedAt },
                }),
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw 'absent' in expected
          ? new GatewayError(
              'system.exists',
              `Mã ${system.clientId} đã được dùng / ${system.clientId} is taken`,
              {
                fieldErrors: [{ path: '$.systemId', message: 'a connected system already has this id' }],
              },
            )
          : new GatewayError(
              'system.changed',
              `Hệ thống ${system.clientId} vừa được sửa / changed meanwhile`,
            );
      } finally {
        cached.forget('systems');
      }
    },
  };
}
