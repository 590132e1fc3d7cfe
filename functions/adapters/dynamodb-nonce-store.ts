import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../ports/clock';
import type { NonceStore } from '../ports/nonce-store';

const nonceKey = (key: string) => ({ pk: `NONCE#${key}`, sk: 'NONCE' });

/**
 * Nonces in the gateway table: one conditional Put per signed request. `expiresAt` is the
 * table's TTL attribute, so DynamoDB deletes them; until it does (TTL runs within days), the
 * condition treats an expired item as free.
 */
export function createDynamoDbNonceStore(
  client: DynamoDBDocumentClient,
  options: { tableName: string; clock: Clock },
): NonceStore {
  return {
    async claim(key, expiresAt) {
      try {
        await client.send(
          new PutCommand({
            TableName: options.tableName,
            Item: { ...nonceKey(key), expiresAt: Math.ceil(expiresAt.getTime() / 1000) },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': Math.floor(options.clock.now().getTime() / 1000) },
          }),
        );
        return true;
      } catch (error) {
        if (
          error instanceof ConditionalCheckFailedException ||
          (error as Error)?.name === 'ConditionalCheckFailedException'
        ) {
          return false;
        }
        throw error;
      }
    },
    async release(key) {
      await client.send(new DeleteCommand({ TableName: options.tableName, Key: nonceKey(key) }));
    },
  };
}
