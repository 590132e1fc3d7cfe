import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { queueEnvelopeSchema } from '../../contracts/queue-envelope';
import { type RelayDependencies, relayToNational } from '../application/relay-to-national';
import { isGatewayError } from '../core/gateway-error';
import { classifyFailure, retryDelaySeconds } from '../core/retry-policy';
import type { MessageQueue } from '../ports/message-queue';
import { loadAwsDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';

export interface NationalRelayDependencies extends RelayDependencies {
  readonly toNational: MessageQueue;
  readonly random: () => number;
}

/**
 * SQS FIFO worker: one record at a time per dossier group; a failed record fails the rest
 * of its group in the batch (they must not overtake it) and comes back after a backoff set
 * through its visibility timeout.
 */
export function createNationalRelayHandler(deps: NationalRelayDependencies) {
  async function handleRecord(record: SQSRecord): Promise<void> {
    const envelope = queueEnvelopeSchema.parse(JSON.parse(record.body));
    try {
      await relayToNational(deps, envelope);
    } catch (error) {
      const verdict = classifyFailure(error as Error);
      const attempt = Number(record.attributes.ApproximateReceiveCount ?? '1');
      if (verdict.retry) {
        const seconds = retryDelaySeconds(attempt, deps.random, undefined, verdict.retryAfterSeconds);
        await deps.toNational.delay(record.receiptHandle, seconds);
      }
      deps.logger.warn('relay attempt failed', {
        dossierCode: envelope.dossierCode,
        sequence: envelope.sequence,
        attempt,
        code: isGatewayError(error) ? error.code : 'unexpected',
        error: (error as Error).message,
      });
      throw error;
    }
  }

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, handleRecord, new SqsFifoPartialProcessorAsync(), {
      context,
      skipGroupOnError: true,
      throwOnFullBatchFailure: false,
    });
}

export const handler = lazyHandler<SQSEvent, SQSBatchResponse, Context>(async () =>
  createNationalRelayHandler(await loadAwsDependencies()),
);
