import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { EndpointPause } from '../../contracts/endpoint-operations';
import { endpointPauseSchema, webhookDeliverySchema } from '../../contracts/endpoint-operations';
import type { DeliveryLog, EndpointPauses } from '../ports/endpoint-operations';
import { isConditionFailure, writeIfCondition } from './dynamodb/conditional-write';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';
import { expiryOf } from './dynamodb/retention';

/**
 * Each paused system is one attribute of the pauses item, and so is the time it was last resumed:
 * a pause and a resume touch only their own system's.
 */
const PAUSE_PREFIX = 'pause:';
const RESUMED_PREFIX = 'resumed:';

/**
 * The pauses item (itemKeys.endpointPauses), read strongly consistent: a resume is seen by the
 * next delivery, not a replica's later one.
 */
export function createDynamoDbEndpointPauses(
  client: DynamoDBDocumentClient,
  options: { tableName: string },
): EndpointPauses {
  const { tableName } = options;
  const Key = itemKeys.endpointPauses();
  return {
    async current() {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }));
      const paused = new Map<string, EndpointPause>();
      const resumedAt = new Map<string, string>();
      for (const [name, value] of Object.entries(Item ?? {})) {
        if (name.startsWith(PAUSE_PREFIX)) {
          paused.set(
            name.slice(PAUSE_PREFIX.length),
            parseItem(endpointPauseSchema, value, 'endpoint pause'),
          );
        }
        if (name.startsWith(RESUMED_PREFIX)) resumedAt.set(name.slice(RESUMED_PREFIX.length), String(value));
      }
      return { paused, resumedAt };
    },
    pause: (systemId, pause) =>
      writeIfCondition(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key,
            UpdateExpression: 'SET #pause = :pause',
            ConditionExpression: 'attribute_not_exists(#pause)',
            ExpressionAttributeNames: { '#pause': `${PAUSE_PREFIX}${systemId}` },
            ExpressionAttributeValues: { ':pause': pause },
          }),
        ),
      ),
    async resume(systemId, at) {
      const name = `${PAUSE_PREFIX}${systemId}`;
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key,
            UpdateExpression: 'REMOVE #pause SET #resumed = :at',
            ConditionExpression: 'attribute_exists(#pause)',
            ExpressionAttributeNames: { '#pause': name, '#resumed': `${RESUMED_PREFIX}${systemId}` },
            ExpressionAttributeValues: { ':at': at },
            ReturnValues: 'UPDATED_OLD',
          }),
        );
        return parseItem(endpointPauseSchema, Attributes?.[name], 'endpoint pause');
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },
  };
}

const deliveryLogItemSchema = webhookDeliverySchema.extend({ systemId: z.string() });

/** A system's webhook attempts in its own partition, newest first, expiring after `retentionDays`. */
export function createDynamoDbDeliveryLog(
  client: DynamoDBDocumentClient,
  options: { tableName: string; retentionDays: number },
): DeliveryLog {
  const { tableName } = options;
  return {
    async record(entry) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...itemKeys.deliveryLogEntry(entry.systemId, entry.at, entry.messageId),
            ...entry,
            ...expiryOf(entry.at, options.retentionDays * 24 * 60 * 60),
          },
        }),
      );
    },
    async recent(systemId, limit) {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': accessPatterns.deliveriesOfSystem.partition(systemId) },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (Items ?? []).map((item) => parseItem(deliveryLogItemSchema, item, 'delivery log entry'));
    },
  };
}
