import type { Clock } from '../ports/clock';
import type { DossierStore } from '../ports/dossier-store';
import type { Logger } from '../ports/logger';
import type { MessageQueue } from '../ports/message-queue';
import { envelopeOf } from './accept-dossier-message';

export interface SweepDependencies {
  readonly store: DossierStore;
  readonly toNational: MessageQueue;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface SweepOptions {
  /** Only messages accepted at least this long ago; 0 after a restart of an in-memory queue. */
  readonly staleAfterSeconds: number;
  readonly limit: number;
}

/**
 * The outbox half of "accepted means delivered or parked": re-enqueues every message the
 * store holds as accepted but undelivered for too long. Copies are harmless: SQS FIFO drops
 * repeats of a message id within five minutes and the relay drops delivered sequences.
 */
export async function sweepOutbox(deps: SweepDependencies, options: SweepOptions): Promise<number> {
  const olderThan = new Date(deps.clock.now().getTime() - options.staleAfterSeconds * 1000).toISOString();
  const pending = await deps.store.listPending(olderThan, options.limit);
  if (pending.length === 0) return 0;
  const ordered = [...pending].sort((a, b) =>
    a.dossierCode === b.dossierCode ? a.sequence - b.sequence : a.dossierCode < b.dossierCode ? -1 : 1,
  );
  const envelopes = [];
  for (const ref of ordered) {
    const message = await deps.store.getMessage(ref.dossierCode, ref.sequence);
    if (message?.state === 'accepted') envelopes.push(envelopeOf(message));
  }
  await deps.toNational.sendBatch(envelopes);
  deps.logger.info('outbox sweep re-enqueued messages', { count: envelopes.length });
  return envelopes.length;
}
