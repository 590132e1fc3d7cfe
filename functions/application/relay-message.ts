import type { QueueEnvelope } from '../../contracts/queue-envelope';
import { decideDelivery } from '../core/decide-delivery';
import type {
  Channel,
  DeliveryAttempt,
  DeliveryProgress,
  FailureReason,
  ProgressUpdate,
  StoredMessage,
} from '../core/dossier-message';
import { GatewayError } from '../core/gateway-error';
import { classifyFailure } from '../core/retry-policy';
import type { Clock } from '../ports/clock';
import type { DossierStore } from '../ports/dossier-store';
import type { Logger } from '../ports/logger';
import type { MessageQueue } from '../ports/message-queue';
import { enqueue } from './accept-message';

export interface DeliveryReceipt {
  readonly detail: string;
  readonly progress: Omit<ProgressUpdate, 'lastSyncedAt'>;
}

/** What a deliverer learns from the relay about one delivery, and how it reports a first step. */
export interface DeliveryContext {
  /**
   * An attempt before a crash, or one that failed (a timeout may have landed), may have reached
   * the receiver: a deliverer that can ask the receiver what it holds asks before sending again.
   */
  readonly uncertain: boolean;
  /**
   * Records, in the dossier's progress, that the receiver took the first of a delivery's two
   * calls (a status change's DongBoHoSoMC update), so a retry sends only the second. Throws a
   * transient error when the progress has moved on (another copy delivered the message).
   */
  recordFirstStep(): Promise<void>;
}

/** Sends stored messages to one kind of receiver. */
export interface Deliverer {
  /**
   * Delivers one message; throws a GatewayError on failure. When the receiver already holds it
   * (found out on an uncertain delivery), answers without sending it again; when it cannot
   * tell, it sends: a duplicate is the lesser harm than a loss.
   */
  deliver(
    message: StoredMessage,
    progress: DeliveryProgress,
    context: DeliveryContext,
  ): Promise<DeliveryReceipt>;
}

export interface RelayDependencies {
  readonly store: DossierStore;
  readonly queues: Readonly<Record<Channel, MessageQueue>>;
  readonly clock: Clock;
  readonly logger: Logger;
}

export type RelayOutcome = 'delivered' | 'duplicate' | 'parked' | 'held' | 'stale';

function attemptNow(
  deps: RelayDependencies,
  startedAt: Date,
  outcome: DeliveryAttempt['outcome'],
  detail: string,
): DeliveryAttempt {
  const at = deps.clock.now();
  return { at: at.toISOString(), outcome, latencyMs: at.getTime() - startedAt.getTime(), detail };
}

/** Parks a message for an administrator: the dossier's later messages wait behind it. */
export async function parkMessage(
  deps: RelayDependencies,
  message: StoredMessage,
  reason: FailureReason,
  attempt: DeliveryAttempt,
): Promise<void> {
  const attempts =
    (await deps.store.listHistory(message.channel, message.dossierCode)).find(
      (stored) => stored.sequence === message.sequence,
    )?.attempts ?? [];
  await deps.store.parkMessage(
    {
      messageId: message.messageId,
      queue: deps.queues[message.channel].name,
      channel: message.channel,
      dossierCode: message.dossierCode,
      agencyCode: message.agencyCode,
      sequence: message.sequence,
      kind: message.kind,
      reason,
      lastError: attempt.detail,
      // A rejection was itself a delivery attempt; giving up after the last receive is not.
      attempts:
        attempts.filter((previous) => previous.outcome === 'failed').length + (reason === 'rejected' ? 1 : 0),
      ...(attempts[0] ? { firstAttemptAt: attempts[0].at } : {}),
      lastAttemptAt: attempt.at,
      parkedAt: attempt.at,
      status: 'parked',
    },
    attempt,
  );
  deps.logger.warn('message parked for an administrator', {
    dossierCode: message.dossierCode,
    channel: message.channel,
    sequence: message.sequence,
    reason,
    error: attempt.detail,
  });
}

/** Held messages go back to their queue, in order, once nothing parked blocks them. */
export async function releaseHeldMessages(
  deps: RelayDependencies,
  channel: Channel,
  dossierCode: string,
): Promise<number> {
  const released = await deps.store.releaseHeld(channel, dossierCode);
  const releasedAt = deps.clock.now().toISOString();
  for (const message of released) await enqueue(deps, message, { releasedAt });
  return released.length;
}

/**
 * Delivers one queued message, in per-dossier order. Throws a retryable error when the
 * message must come back later: 'sequence.waiting' while its predecessor is not delivered yet,
 * the receiver's own error when it failed transiently. Parks it when the receiver rejects it;
 * holds it behind a parked predecessor.
 */
export async function relayMessage(
  deps: RelayDependencies,
  envelope: QueueEnvelope,
  deliver: Deliverer,
  /**
   * The queue handed this copy out before (SQS ApproximateReceiveCount above 1): an earlier
   * attempt may have reached the receiver and died before recording it (a killed process leaves
   * no error behind), so the delivery is uncertain and the portal is asked first.
   */
  delivery: { readonly receivedBefore?: boolean } = {},
): Promise<RelayOutcome> {
  const { channel, dossierCode, sequence } = envelope;
  // Both reads at once: the store sends them, and every other record's of the batch, as one
  // round trip (issue 24). The message is not needed when it must wait; that read is the price.
  const [progress, message] = await Promise.all([
    deps.store.getDeliveryProgress(channel, dossierCode),
    deps.store.getMessage(channel, dossierCode, sequence),
  ]);
  const decision = decideDelivery(progress, sequence);
  const startedAt = deps.clock.now();
  const ref = { channel, dossierCode, sequence };

  if (decision === 'duplicate') {
    if (message?.state === 'accepted') {
      await deps.store.recordDelivery(
        message,
        attemptNow(deps, startedAt, 'delivered', 'delivered before a restart'),
        {},
      );
    }
    return 'duplicate';
  }
  if (decision === 'hold') {
    await deps.store.holdMessage(
      ref,
      attemptNow(deps, startedAt, 'held', `waiting behind parked message #${progress.parkedSequence}`),
    );
    return 'held';
  }
  if (decision === 'wait') {
    // Not a failure of either side: the gateway's own order. Retried like any transient error.
    throw new GatewayError(
      'sequence.waiting',
      `waiting for message ${progress.deliveredSequence + 1} of ${dossierCode} (${channel})`,
      { details: { waitingFor: progress.deliveredSequence + 1 } },
    );
  }

  if (!message) throw new Error(`queued message ${dossierCode}#${sequence} (${channel}) is not in the store`);
  // A copy queued before an admin or the dead-letter recorder parked or discarded it.
  if (message.state !== 'accepted') return 'stale';
  try {
    const receipt = await deliver.deliver(message, progress, {
      uncertain:
        envelope.recovered === true || delivery.receivedBefore === true || progress.lastError !== undefined,
      async recordFirstStep() {
        if (await deps.store.recordFirstStep(ref)) return;
        throw new GatewayError(
          'national.transient',
          `${dossierCode}#${sequence} was delivered by another copy meanwhile`,
        );
      },
    });
    const attempt = attemptNow(deps, startedAt, 'delivered', receipt.detail);
    await deps.store.recordDelivery(message, attempt, { ...receipt.progress, lastSyncedAt: attempt.at });
    if ((message.replays ?? 0) > 0) await releaseHeldMessages(deps, channel, dossierCode);
    deps.logger.info('delivered', { dossierCode, channel, sequence, latencyMs: attempt.latencyMs });
    return 'delivered';
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (classifyFailure(failure).retry) {
      await deps.store.recordFailedAttempt(message, attemptNow(deps, startedAt, 'failed', failure.message));
      // Thrown as it is: its code says which side failed (functions/core/failure-side.ts), and
      // an error that is no receiver's is the gateway's own, not the national portal's.
      throw failure;
    }
    await parkMessage(deps, message, 'rejected', attemptNow(deps, startedAt, 'parked', failure.message));
    return 'parked';
  }
}
