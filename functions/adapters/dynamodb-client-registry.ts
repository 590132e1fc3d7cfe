import { BatchGetCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { scopeSchema } from '../../contracts/oauth';
import type { ClientRegistry, RegisteredClient } from '../ports/client-registry';
import { itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';

const registeredClientSchema = z.object({
  clientId: z.string(),
  secretHash: z.string(),
  previousSecret: z.object({ secretHash: z.string(), validUntil: z.string() }).optional(),
  scopes: z.array(scopeSchema),
  agencies: z.array(z.string()),
  disabled: z.boolean().optional(),
}) satisfies z.ZodType<RegisteredClient>;

/**
 * API clients live in the gateway table, so revoking one needs no redeploy: a connected system's
 * item (itemKeys.connectedSystem, written by dynamodb-connected-systems.ts) carries its client,
 * and a client item (itemKeys.client) the clients written before systems were registered. Both
 * are read in one round trip; the system wins.
 */
export function createDynamoDbClientRegistry(
  client: DynamoDBDocumentClient,
  tableName: string,
): ClientRegistry & {
  saveClient(registered: RegisteredClient): Promise<void>;
} {
  return {
    async findClient(clientId) {
      const systemKey = itemKeys.connectedSystem(clientId);
      const keys = [systemKey, itemKeys.client(clientId)];
      const result = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
      );
      // A key left unprocessed (throttling) is read again rather than taken as missing.
      const unprocessed = result.UnprocessedKeys?.[tableName]?.Keys?.length ?? 0;
      if (unprocessed > 0) throw new Error(`client ${clientId} could not be read (throttled); try again`);
      const items = result.Responses?.[tableName] ?? [];
      const system = items.find((item) => item.pk === systemKey.pk && 'secretHash' in item);
      const legacy = items.find((item) => item.pk !== systemKey.pk);
      const item = system ?? legacy;
      return item ? parseItem(registeredClientSchema, item, 'client') : undefined;
    },
    async saveClient(registered) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...itemKeys.client(registered.clientId), ...registered },
        }),
      );
    },
  };
}
