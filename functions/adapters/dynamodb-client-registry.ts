import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientRegistry, RegisteredClient } from '../ports/client-registry';

const clientKey = (clientId: string) => ({ pk: `CLIENT#${clientId}`, sk: 'CLIENT' });

/** API clients live in the gateway table, so revoking one needs no redeploy. */
export function createDynamoDbClientRegistry(
  client: DynamoDBDocumentClient,
  tableName: string,
): ClientRegistry & {
  saveClient(registered: RegisteredClient): Promise<void>;
} {
  return {
    async findClient(clientId) {
      const result = await client.send(new GetCommand({ TableName: tableName, Key: clientKey(clientId) }));
      if (!result.Item) return undefined;
      const { pk: _pk, sk: _sk, ...registered } = result.Item;
      return registered as RegisteredClient;
    },
    async saveClient(registered) {
      await client.send(
        new PutCommand({ TableName: tableName, Item: { ...clientKey(registered.clientId), ...registered } }),
      );
    },
  };
}
