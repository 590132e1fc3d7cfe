import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type QueueEnvelope, queueEnvelopeSchema } from '../../contracts/queue-envelope';
import type { DeliveryGate } from '../application/operate-endpoints';
import { type Deliverer, type RelayDependencies, relayMessage } from '../application/relay-message';
import type { Channel } from '../core/dossier-message';
import { type FailureSide, failureSideOf } from '../core/failure-side';
import { isGatewayError } from '../core/gateway-error';
import { classifyFailure, type RetryPolicy, retryDelaySeconds } from '../core/retry-policy';
import type { BusinessMetrics } from '../ports/business-metrics';
import type { ThroughputStats } from '../ports/queue-monitor';
import { processFifoBatch } from './process-fifo-batch';

export interface RelayHandlerDependencies extends RelayDependencies {
  readonly random: () => number;
  readonly retryPolicy: RetryPolicy;
  readonly throughput: ThroughputStats;
  readonly metrics: BusinessMetrics;
}

/** The side a channel delivers to: its failures are that receiver's. */
const receiverOf: Record<Channel, FailureSide> = {
  national: 'national-portal',
  province: 'province-webhooks',
};

interface Tally {
  /** The console's counters per channel: `failed` counts only the receiver's own failures. */
  readonly channels: Record<Channel, { delivered: number; failed: number; parked: number }>;
  /** Every failed attempt, by the side that failed (the DeliveryFailures metric). */
  readonly sides: Map<FailureSide, number>;
}

/**
 * SQS FIFO worker: one record at a time per dossier group, groups side by side; a failed
 * record fails the rest of its group in the batch (they must not overtake it) and comes back
 * after a backoff set through its visibility timeout. A `gate` (a paused receiver) may hold a
 * message back before anything else is looked at.
 */
export function createRelayHandler(deps: RelayHandlerDependencies, deliver: Deliverer, gate?: DeliveryGate) {
  /**
   * A held message is neither attempted nor counted: it stays at its group's head, hidden for
   * `recheckSeconds`, like a message waiting for its predecessor. Every receive counts toward the
   * queue's maxReceiveCount, though, so after `requeueAfterReceives` it goes round as a fresh
   * message (a new deduplication id through `releasedAt`) and this copy is deleted: a long pause
   * never turns into a dead letter. The fresh copy queues behind the dossier's later messages;
   * the relay still delivers them by sequence, and the gate sends a waiting one round after a
   * resume so none blocks its group.
   */
  async function applyGate(record: SQSRecord, envelope: QueueEnvelope, attempt: number): Promise<boolean> {
    const verdict = gate ? await gate.verdict(envelope) : 'go';
    if (verdict === 'go') return false;
    const { channel, dossierCode, sequence } = envelope;
    if (verdict === 'goRound' || attempt >= (gate?.requeueAfterReceives ?? 1)) {
      await deps.queues[channel].send({ ...envelope, releasedAt: deps.clock.now().toISOString() });
      deps.logger.info('relay sends a message round again', {
        dossierCode,
        channel,
        sequence,
        attempt,
        verdict,
      });
      return true;
    }
    await deps.queues[channel].delay(record.receiptHandle, gate?.recheckSeconds ?? 1);
    deps.logger.info('relay holds a message for a paused receiver', {
      dossierCode,
      channel,
      sequence,
      attempt,
    });
    throw new Error(`${dossierCode}#${sequence} held: its receiver is paused`);
  }

  async function handleRecord(record: SQSRecord, tally: Tally): Promise<void> {
    const envelope = queueEnvelopeSchema.parse(JSON.parse(record.body));
    const attempt = Number(record.attributes.ApproximateReceiveCount ?? '1');
    if (await applyGate(record, envelope, attempt)) return;
    try {
      const outcome = await relayMessage(deps, envelope, deliver, { receivedBefore: attempt > 1 });
      if (outcome === 'delivered') tally.channels[envelope.channel].delivered += 1;
      if (outcome === 'parked') tally.channels[envelope.channel].parked += 1;
    } catch (error) {
      const waiting = isGatewayError(error, 'sequence.waiting');
      const side = failureSideOf(error);
      if (!waiting) {
        tally.sides.set(side, (tally.sides.get(side) ?? 0) + 1);
        if (side === receiverOf[envelope.channel]) tally.channels[envelope.channel].failed += 1;
      }
      const verdict = classifyFailure(error as Error);
      if (verdict.retry) {
        const seconds = retryDelaySeconds(attempt, deps.random, deps.retryPolicy, verdict.retryAfterSeconds);
        await deps.queues[envelope.channel].delay(record.receiptHandle, seconds);
      }
      (waiting ? deps.logger.info : deps.logger.warn).call(
        deps.logger,
        waiting ? 'relay waits for an earlier message' : 'relay attempt failed',
        {
          dossierCode: envelope.dossierCode,
          channel: envelope.channel,
          sequence: envelope.sequence,
          attempt,
          code: isGatewayError(error) ? error.code : 'unexpected',
          ...(waiting ? {} : { failedSide: side }),
          error: (error as Error).message,
        },
      );
      throw error;
    }
  }

  return async (event: SQSEvent, _context: Context): Promise<SQSBatchResponse> => {
    const empty = () => ({ delivered: 0, failed: 0, parked: 0 });
    const tally: Tally = { channels: { national: empty(), province: empty() }, sides: new Map() };
    const response = await processFifoBatch(event.Records, (record) => handleRecord(record, tally));
    // One counter write per batch, not per message: the dashboard's charts cost next to nothing.
    for (const channel of Object.keys(tally.channels) as Channel[]) {
      await deps.throughput
        .add(channel, tally.channels[channel], deps.clock.now())
        .catch((error: unknown) =>
          deps.logger.warn('throughput counters not written', { error: (error as Error).message }),
        );
    }
    for (const [failedSide, failures] of tally.sides) {
      deps.metrics.count('DeliveryFailures', failures, { failedSide });
    }
    return response;
  };
}
