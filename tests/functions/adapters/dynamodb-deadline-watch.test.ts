import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { createDynamoDbDeadlineWatch } from '../../../functions/adapters/dynamodb-deadline-watch';

/** What the DynamoDB watch alone does with errors (the shared behaviour: tests/functions/ports). */
const tableName = 'test-gateway';

describe('deadline watch list errors', () => {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1' }));
  const documents = mockClient(client);
  afterAll(() => documents.restore());

  it('treats a lost condition as a moved date and lets any other failure through', async () => {
    documents
      .on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'moved', $metadata: {} }))
      .rejectsOnce(
        new DynamoDBServiceException({
          name: 'ProvisionedThroughputExceededException',
          message: 'ProvisionedThroughputExceeded',
          $fault: 'client',
          $metadata: {},
        }),
      );
    const watch = createDynamoDbDeadlineWatch(client, { tableName, pendingShards: 2 });
    await expect(watch.recordNotice('X', 'due_soon', '2025-04-01T00:00:00.000Z')).resolves.toBeUndefined();
    await expect(watch.recordNotice('X', 'due_soon', '2025-04-01T00:00:00.000Z')).rejects.toThrow(
      'ProvisionedThroughputExceeded',
    );
  });
});
