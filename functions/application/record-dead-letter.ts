import type { QueueEnvelope } from '../../contracts/queue-envelope';
import type { RelayDependencies } from './relay-message';
import { parkMessage } from './relay-message';

export type DeadLetterOutcome = 'parked' | 'ignored';

/**
 * Turns a dead letter (a message that used up its receives) into a failed-message record and
 * parks it, so nothing is lost when the DLQ copy is deleted. A copy of a message that was
 * delivered, parked or discarded meanwhile is ignored.
 */
export async function recordDeadLetter(
  deps: RelayDependencies,
  envelope: QueueEnvelope,
): Promise<DeadLetterOutcome> {
  const message = await deps.store.getMessage(envelope.channel, envelope.dossierCode, envelope.sequence);
  if (message?.state !== 'accepted') return 'ignored';
  const progress = await deps.store.getDeliveryProgress(envelope.channel, envelope.dossierCode);
  if (progress.deliveredSequence >= envelope.sequence) return 'ignored';
  const now = deps.clock.now().toISOString();
  await parkMessage(deps, message, 'exhausted', {
    at: now,
    outcome: 'parked',
    latencyMs: 0,
    detail: `gave up after the queue's maximum receives; last error: ${progress.lastError ?? 'unknown'}`,
  });
  return 'parked';
}
