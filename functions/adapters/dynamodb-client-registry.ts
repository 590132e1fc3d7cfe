import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { scopeSchema } from '../../contracts/oauth';
import type { ClientRegistry, RegisteredClient } from '../ports/client-registry';
import { itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';

const registeredClientSchema = z.object({
  clientId: z.string(),
  secretHash: z.string(),
  scopes: z.array(scopeSchema),
  agencies: z.array(z.string()),
  disabled: z.boolean().optional(),
}) satisfies z.ZodType<RegisteredClient>;

/** API clients live in the gateway table (itemKeys.client), so revoking one needs no redeploy. */
export function createDynamoDbClientRegistry(
  client: DynamoDBDocumentClient,
  tableName: string,
): ClientRegistry & {
  saveClient(registered: RegisteredClient): Promise<void>;
} {
  return {
    async findClient(clientId) {
      const result = await client.send(
        new GetCommand({ TableName: tableName, Key: itemKeys.client(clientId) }),
      );
      return result.Item ? parseItem(registeredClientSchema, result.Item, 'client') : undefined;
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
