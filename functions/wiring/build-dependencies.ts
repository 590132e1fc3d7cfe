import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbClientRegistry } from '../adapters/dynamodb-client-registry';
import { createDynamoDbDossierStore } from '../adapters/dynamodb-dossier-store';
import { createJoseAccessTokens } from '../adapters/jose-access-tokens';
import { createSqsMessageQueue } from '../adapters/sqs-message-queue';
import type { ApiDependencies } from '../http/api-dependencies';
import { systemClock } from '../ports/clock';
import { buildNationalPortal } from './build-national-portal';
import type { RuntimeConfig } from './runtime-config';

/** Local emulators accept any credentials; real AWS takes them from the Lambda role. */
const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export type GatewayDependencies = ApiDependencies & {
  readonly random: () => number;
  readonly outbox: RuntimeConfig['outbox'];
  readonly clientRegistry: ReturnType<typeof createDynamoDbClientRegistry>;
  readonly aws: { readonly dynamodb: DynamoDBClient; readonly sqs: SQSClient };
};

/** Builds every dependency once per cold start, from one runtime's configuration. */
export async function buildDependencies(
  config: RuntimeConfig,
  logger?: Logger,
): Promise<GatewayDependencies> {
  const local = config.endpoints;
  const dynamodb = new DynamoDBClient({
    region: config.region,
    ...(local ? { endpoint: local.dynamodb, credentials: EMULATOR_CREDENTIALS } : {}),
  });
  const sqs = new SQSClient({
    region: config.region,
    ...(local ? { endpoint: local.sqs, credentials: EMULATOR_CREDENTIALS } : {}),
  });
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const clientRegistry = createDynamoDbClientRegistry(documents, config.tableName);
  return {
    store: createDynamoDbDossierStore(documents, {
      tableName: config.tableName,
      pendingIndexName: 'pending',
      pendingShards: config.outbox.pendingShards,
    }),
    toNational: createSqsMessageQueue(sqs, 'to-national.fifo', config.queueUrls.toNational),
    nationalPortal: buildNationalPortal(config.nationalPortal),
    clients: clientRegistry,
    clientRegistry,
    tokens: await createJoseAccessTokens(config.tokens),
    clock: systemClock,
    newId: randomUUID,
    random: Math.random,
    logger:
      logger ??
      new Logger({
        serviceName: 'lien-thong-gateway',
        logLevel: config.logLevel as 'INFO',
        persistentKeys: { stage: config.stage },
      }),
    maxBodyBytes: config.maxBodyBytes,
    outbox: config.outbox,
    aws: { dynamodb, sqs },
  };
}
