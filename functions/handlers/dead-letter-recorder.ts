import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { queueEnvelopeSchema } from '../../contracts/queue-envelope';
import { recordDeadLetter } from '../application/record-dead-letter';
import type { RelayDependencies } from '../application/relay-message';
import { loadAwsWorkerDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';

/**
 * Drains a dead-letter queue into failed-message records. A record is deleted from the DLQ
 * only after it is stored (a failure leaves it there for the next attempt), so nothing is lost.
 */
export function createDeadLetterRecorderHandler(deps: RelayDependencies) {
  async function handleRecord(record: SQSRecord): Promise<void> {
    const envelope = queueEnvelopeSchema.parse(JSON.parse(record.body));
    const outcome = await recordDeadLetter(deps, envelope);
    deps.logger.info('dead letter recorded', {
      dossierCode: envelope.dossierCode,
      sequence: envelope.sequence,
      outcome,
    });
  }
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), {
      context,
      throwOnFullBatchFailure: false,
    });
}

export const handler = lazyHandler<SQSEvent, SQSBatchResponse, Context>(async () =>
  createDeadLetterRecorderHandler(await loadAwsWorkerDependencies()),
);
