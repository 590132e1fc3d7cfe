import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type RunningServer, startDynamoDbEmulator, startSqsEmulator } from '../../infra/local/emulators';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface TestEmulators {
  readonly dynamodb: DynamoDBClient;
  /** Another DynamoDB client of the same emulator, with a middleware stack of its own. */
  newDynamoDbClient(): DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  close(): Promise<void>;
}

/** Fresh in-memory emulators on free loopback ports, with real SDK v3 clients. */
export async function startTestEmulators(): Promise<TestEmulators> {
  const servers: RunningServer[] = [
    await startDynamoDbEmulator({ port: 0, dataDir: null }),
    await startSqsEmulator({ port: 0 }),
  ];
  const [dynamoServer, sqsServer] = servers as [RunningServer, RunningServer];
  const extraClients: DynamoDBClient[] = [];
  const newDynamoDbClient = () => {
    const client = new DynamoDBClient({ region: 'ap-southeast-1', endpoint: dynamoServer.url, credentials });
    extraClients.push(client);
    return client;
  };
  const dynamodb = new DynamoDBClient({ region: 'ap-southeast-1', endpoint: dynamoServer.url, credentials });
  const sqs = new SQSClient({ region: 'ap-southeast-1', endpoint: sqsServer.url, credentials });
  return {
    dynamodb,
    newDynamoDbClient,
    documents: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    sqs,
    async close() {
      dynamodb.destroy();
      for (const client of extraClients) client.destroy();
      sqs.destroy();
      for (const server of servers) await server.close();
    },
  };
}
