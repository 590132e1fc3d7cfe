import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { messagePayloadSchemas } from '../contracts/message-payloads';
import { queueEnvelopeSchema } from '../contracts/queue-envelope';
import { itemKeys } from '../functions/adapters/dynamodb/gateway-table';
import { toNationalDossier } from '../functions/core/translate-dossier';
import type { NationalPortal } from '../functions/ports/national-portal';

/** The idempotency table the peer keeps its records in, as Powertools' docs create it. */
const PEER_TABLE = 'bench-peer-idempotency';

/**
 * The peer of issue 24: the same relay built the way the AWS documentation and Powertools
 * recommend, for `npm run bench` only (never imported by functions/). Each SQS FIFO record is
 * handled by `SqsFifoPartialProcessorAsync`, one at a time (a failure short-circuits the rest),
 * inside `makeIdempotent` on a DynamoDB persistence layer keyed by the record's message id: it
 * reads the stored message, sends it to the portal (DongBoHoSoMC) and marks it delivered. Order
 * rests on the FIFO group alone, duplicates on the idempotency record. It relays the benchmark's
 * backlog (new dossiers) only.
 */
export async function createPeerRelayHandler(deps: {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly portal: NationalPortal;
  /** Records a batch left for the queue to hand out again (after its visibility timeout). */
  readonly onFailures?: (records: number) => void;
}) {
  await deps.dynamodb.send(
    new CreateTableCommand({
      TableName: PEER_TABLE,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const documents = DynamoDBDocumentClient.from(deps.dynamodb);
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'messageId' });
  const relayRecord = makeIdempotent(
    async (record: SQSRecord) => {
      const { channel, dossierCode, sequence } = queueEnvelopeSchema.parse(JSON.parse(record.body));
      const Key = itemKeys.message(dossierCode, channel, sequence);
      const { Item } = await documents.send(new GetCommand({ TableName: deps.tableName, Key }));
      if (!Item) throw new Error(`${dossierCode}#${sequence} is not in the store`);
      const dossier = messagePayloadSchemas['dossier.sync'].parse(Item.payload);
      const agencyCode = String(Item.agencyCode);
      await deps.portal.syncDossier(agencyCode, toNationalDossier(dossier), false);
      await documents.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key,
          UpdateExpression: 'SET #state = :delivered REMOVE pendingShard, pendingSince',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':delivered': 'delivered' },
        }),
      );
      return { dossierCode, sequence };
    },
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: PEER_TABLE,
        awsSdkV3Client: deps.dynamodb,
      }),
      config,
    },
  );
  return async (event: SQSEvent, context: Context) => {
    config.registerLambdaContext(context);
    const response = await processPartialResponse(event, relayRecord, new SqsFifoPartialProcessorAsync(), {
      context,
    });
    if (response.batchItemFailures.length > 0) deps.onFailures?.(response.batchItemFailures.length);
    return response;
  };
}
