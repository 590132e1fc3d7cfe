import type { DeliveryProgress } from './dossier-message';

export type DeliveryDecision = 'duplicate' | 'deliver' | 'wait' | 'hold';

/**
 * A relay delivers message n of a dossier only right after n-1. An earlier or equal
 * sequence was delivered already (a redelivered or re-enqueued copy); a later one waits for
 * its predecessor — or, when the predecessor is parked for an administrator, is held behind
 * it until a replay or discard releases it. Order holds even when a queue does not keep it.
 */
export function decideDelivery(
  progress: Pick<DeliveryProgress, 'deliveredSequence' | 'parkedSequence'>,
  sequence: number,
): DeliveryDecision {
  if (sequence <= progress.deliveredSequence) return 'duplicate';
  if (progress.parkedSequence !== undefined && sequence > progress.parkedSequence) return 'hold';
  if (sequence === progress.deliveredSequence + 1) return 'deliver';
  return 'wait';
}
