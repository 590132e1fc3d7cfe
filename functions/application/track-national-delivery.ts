import type { DossierStatus } from '../../contracts/dossier-status';
import type { DeliveryProgress, ProgressUpdate, StoredMessage } from '../core/dossier-message';
import { type TrackingInput, trackNationalDelivery } from '../core/dossier-tracking';
import type { Logger } from '../ports/logger';
import type { RecordScorecard } from './record-scorecard';

export interface TrackingDependencies {
  readonly recordScorecard: RecordScorecard;
  readonly logger: Logger;
  /** Statuses in which a dossier's clock stops (topology.deadlines). */
  readonly pausedStatuses: readonly DossierStatus[];
}

/**
 * Called with a message before it is sent (what it reads is read beside the batch's other reads,
 * issue 24); the answer is called with what the portal took, once it took it.
 */
export type TrackDelivery = (
  message: StoredMessage,
  progress: DeliveryProgress,
) => (next: TrackingInput['next']) => Promise<Pick<ProgressUpdate, 'tracked' | 'watchDeadline'>>;

/**
 * After the portal took a dossier or a status change (its payload already read by the
 * deliverer): keeps its QĐ 766 verdicts (record-scorecard.ts) and returns what the dossier's
 * progress should remember (its facts and the promised date to watch), written by the relay in
 * the same update that marks the delivery.
 */
export function createDeliveryTracker(deps: TrackingDependencies): TrackDelivery {
  return (message, progress) => {
    const recordScorecard = deps.recordScorecard(message);
    return async (next) => {
      const update = trackNationalDelivery({
        agencyCode: message.agencyCode,
        facts: progress.tracked ?? {},
        overdueNoticeFor: progress.overdueNoticeFor,
        next,
        pausedStatuses: deps.pausedStatuses,
      });
      try {
        await recordScorecard(next);
      } catch (error) {
        // The portal already has the message: failing the delivery now would send it twice. The
        // scorecard is a report; the entry keeps its previous fold, so the next message folds onto
        // it, and an operator is told what was lost.
        deps.logger.error('scorecard verdicts not recorded', {
          dossierCode: message.dossierCode,
          sequence: message.sequence,
          error: (error as Error).message,
        });
      }
      return { tracked: update.facts, watchDeadline: update.watchDeadline };
    };
  };
}
