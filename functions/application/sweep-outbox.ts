import type { QueueEnvelope } from '../../contracts/queue-envelope';
import type { Channel } from '../core/dossier-message';
import type { Clock } from '../ports/clock';
import type { DossierStore } from '../ports/dossier-store';
import type { Logger } from '../ports/logger';
import type { MessageQueue } from '../ports/message-queue';
import { envelopeOf } from './accept-message';

export interface SweepDependencies {
  readonly store: DossierStore;
  readonly queues: Readonly<Record<Channel, MessageQueue>>;
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
  const ordered = [...pending].sort((a, b) =>
    a.dossierCode === b.dossierCode ? a.sequence - b.sequence : a.dossierCode < b.dossierCode ? -1 : 1,
  );
  const byChannel: Record<Channel, QueueEnvelope[]> = { national: [], province: [] };
  for (const ref of ordered) {
    const message = await deps.store.getMessage(ref.channel, ref.dossierCode, ref.sequence);
    if (message?.state === 'accepted') byChannel[ref.channel].push(envelopeOf(message, { recovered: true }));
  }
  let count = 0;
  for (const channel of Object.keys(byChannel) as Channel[]) {
    if (byChannel[channel].length === 0) continue;
    await deps.queues[channel].sendBatch(byChannel[channel]);
    count += byChannel[channel].length;
  }
  if (count > 0) deps.logger.info('outbox sweep re-enqueued messages', { count });
  return count;
}
