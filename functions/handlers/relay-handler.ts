import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { queueEnvelopeSchema } from '../../contracts/queue-envelope';
import { type Deliverer, type RelayDependencies, relayMessage } from '../application/relay-message';
import { isGatewayError } from '../core/gateway-error';
import { classifyFailure, type RetryPolicy, retryDelaySeconds } from '../core/retry-policy';

export interface RelayHandlerDependencies extends RelayDependencies {
  readonly random: () => number;
  readonly retryPolicy: RetryPolicy;
}

/**
 * SQS FIFO worker: one record at a time per dossier group; a failed record fails the rest
 * of its group in the batch (they must not overtake it) and comes back after a backoff set
 * through its visibility timeout.
 */
export function createRelayHandler(deps: RelayHandlerDependencies, deliver: Deliverer) {
  async function handleRecord(record: SQSRecord): Promise<void> {
    const envelope = queueEnvelopeSchema.parse(JSON.parse(record.body));
    try {
      await relayMessage(deps, envelope, deliver);
    } catch (error) {
      const verdict = classifyFailure(error as Error);
      const attempt = Number(record.attributes.ApproximateReceiveCount ?? '1');
      if (verdict.retry) {
        const seconds = retryDelaySeconds(attempt, deps.random, deps.retryPolicy, verdict.retryAfterSeconds);
        await deps.queues[envelope.channel].delay(record.receiptHandle, seconds);
      }
      deps.logger.warn('relay attempt failed', {
        dossierCode: envelope.dossierCode,
        channel: envelope.channel,
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
