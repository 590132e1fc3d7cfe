export type DeliveryDecision = 'duplicate' | 'deliver' | 'wait';

/**
 * A relay delivers message n of a dossier only right after n-1. An earlier or equal
 * sequence was delivered already (a redelivered or re-enqueued copy); a later one must wait
 * for its predecessor, which keeps per-dossier order even when a queue does not.
 */
export function decideDelivery(deliveredSequence: number, sequence: number): DeliveryDecision {
  if (sequence <= deliveredSequence) return 'duplicate';
  if (sequence === deliveredSequence + 1) return 'deliver';
  return 'wait';
}
