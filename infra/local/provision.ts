import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { keyAttributeType } from '../../functions/adapters/dynamodb/gateway-table';
import { type Topology, topology } from '../topology';

export interface ProvisionedQueue {
  readonly url: string;
  readonly arn: string;
}

export const localName = (stage: string, name: string) => `${stage}-${name}`;

/**
 * Creates the topology's tables in the emulator (the gateway's is the table design the
 * DynamoDB adapters read, functions/adapters/dynamodb/gateway-table.ts); existing ones
 * (persisted under .data) are kept.
 */
export async function provisionTables(
  dynamodb: DynamoDBClient,
  stage: string,
  spec: Topology = topology,
): Promise<void> {
  for (const table of spec.tables) {
    const keyNames = new Set([
      table.partitionKey,
      table.sortKey,
      ...table.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ]);
    try {
      await dynamodb.send(
        new CreateTableCommand({
          TableName: localName(stage, table.name),
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...keyNames].map((name) => ({
            AttributeName: name,
            AttributeType: keyAttributeType,
          })),
          KeySchema: [
            { AttributeName: table.partitionKey, KeyType: 'HASH' },
            { AttributeName: table.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: table.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          })),
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilTableExists(
      { client: dynamodb, maxWaitTime: 30 },
      { TableName: localName(stage, table.name) },
    );
  }
}

/**
 * Creates the topology's queues and DLQs. No RedrivePolicy here: the local poller performs
 * the redrive itself (see lambda-poller.ts), with the topology's maxReceiveCount.
 */
export async function provisionQueues(
  sqs: SQSClient,
  stage: string,
  spec: Topology = topology,
): Promise<Map<string, ProvisionedQueue>> {
  const queues = new Map<string, ProvisionedQueue>();
  const all = [...spec.deadLetterQueues, ...spec.queues].map((queue) => ({
    name: queue.name,
    visibility: queue.visibilityTimeoutSeconds,
    retentionDays: queue.retentionDays,
  }));
  for (const queue of all) {
    const created = await sqs.send(
      new CreateQueueCommand({
        QueueName: localName(stage, queue.name),
        Attributes: {
          FifoQueue: 'true',
          ContentBasedDeduplication: 'false',
          VisibilityTimeout: String(queue.visibility),
          MessageRetentionPeriod: String(queue.retentionDays * 86_400),
        },
      }),
    );
    const url = created.QueueUrl ?? '';
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
    );
    queues.set(queue.name, { url, arn: attributes.Attributes?.QueueArn ?? '' });
  }
  return queues;
}
