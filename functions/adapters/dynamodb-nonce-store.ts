import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../ports/clock';
import type { NonceStore } from '../ports/nonce-store';
import { writeIfCondition } from './dynamodb/conditional-write';
import { gatewayTable, itemKeys } from './dynamodb/gateway-table';

/**
 * Nonces in the gateway table (itemKeys.nonce): one conditional Put per signed request. The
 * expiry is the table's TTL attribute, so DynamoDB deletes them; until it does (TTL runs within
 * days), the condition treats an expired item as free.
 */
export function createDynamoDbNonceStore(
  client: DynamoDBDocumentClient,
  options: { tableName: string; clock: Clock },
): NonceStore {
  const ttl = gatewayTable.ttlAttribute;
  return {
    claim(key, expiresAt) {
      return writeIfCondition(() =>
        client.send(
          new PutCommand({
            TableName: options.tableName,
            Item: { ...itemKeys.nonce(key), [ttl]: Math.ceil(expiresAt.getTime() / 1000) },
            ConditionExpression: `attribute_not_exists(pk) OR ${ttl} < :now`,
            ExpressionAttributeValues: { ':now': Math.floor(options.clock.now().getTime() / 1000) },
          }),
        ),
      );
    },
    async release(key) {
      await client.send(new DeleteCommand({ TableName: options.tableName, Key: itemKeys.nonce(key) }));
    },
  };
}
