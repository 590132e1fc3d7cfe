import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbAuditLog } from '../adapters/dynamodb-admin-records';
import { createDynamoDbClientRegistry } from '../adapters/dynamodb-client-registry';
import { createDynamoDbConnectedSystems } from '../adapters/dynamodb-connected-systems';
import { createWebhookUrlCheck } from '../adapters/standard-webhook-sender';
import {
  type ConnectedSystemOperations,
  createConnectedSystemOperations,
} from '../application/manage-connected-systems';
import { systemClock } from '../ports/clock';
import { EMULATOR_CREDENTIALS } from './build-api-dependencies';
import { buildSecretSealer } from './build-secret-sealer';
import type { RuntimeConfig } from './runtime-config';

/** What an operator's command needs of a deployed stack (its CloudFormation outputs). */
export interface OperatorTarget {
  readonly region: string;
  readonly tableName: string;
  readonly secretSealing: NonNullable<RuntimeConfig['secretSealing']>;
  /** An emulator instead of DynamoDB (tests and the local runtime's data). */
  readonly dynamodbEndpoint?: string;
}

/**
 * The connected-systems use case for an operator's command (`npm run admin`), with the
 * operator's own AWS credentials: the same application code the admin API runs, so what a
 * command writes is what the API would have written, audited the same way.
 */
export function buildOperatorSystems(target: OperatorTarget): ConnectedSystemOperations {
  const dynamodb = new DynamoDBClient({
    region: target.region,
    ...(target.dynamodbEndpoint
      ? { endpoint: target.dynamodbEndpoint, credentials: EMULATOR_CREDENTIALS }
      : {}),
  });
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return createConnectedSystemOperations({
    // A command runs once: nothing to cache.
    systems: createDynamoDbConnectedSystems(documents, { tableName: target.tableName, cacheSeconds: 0 }),
    clients: createDynamoDbClientRegistry(documents, target.tableName),
    sealer: buildSecretSealer(target.secretSealing, target.region),
    audit: createDynamoDbAuditLog(documents, { tableName: target.tableName, newId: randomUUID }),
    clock: systemClock,
    checkWebhookUrl: createWebhookUrlCheck({ allowLoopbackHttp: false }),
  });
}
