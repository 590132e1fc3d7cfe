import type { ScorecardRules } from '../../contracts/scorecard';
import type { StoredMessage } from '../core/dossier-message';
import { classifyDossier } from '../core/scorecard/classify-dossier';
import { type DeliveredDossierMessage, foldScorecardDossier } from '../core/scorecard/fold-scorecard-dossier';
import { placeVerdicts } from '../core/scorecard/scorecard-placement';
import type { WorkingCalendar } from '../core/working-calendar';
import type { Clock } from '../ports/clock';
import type { ScorecardStore } from '../ports/scorecard-store';

export interface ScorecardDependencies {
  readonly scorecard: ScorecardStore;
  readonly scorecardRules: ScorecardRules;
  readonly calendar: WorkingCalendar;
  readonly clock: Clock;
}

/**
 * Called with a message before it is sent, so that its dossier's entry is read beside the
 * batch's other reads (issue 24); the answer records what the portal took, once it took it.
 */
export type RecordScorecard = (message: StoredMessage) => (next: DeliveredDossierMessage) => Promise<void>;

/**
 * After the portal took a dossier version or a status change: folds it into the dossier's fact
 * sheet, judges the sheet now and keeps its verdicts where a period's read finds them (ADR 14).
 * The national channel is delivered in order, one message at a time per dossier, so reading the
 * entry and writing it back cannot interleave with another message of the same dossier; a
 * message folded in before (a redelivery after a crash) is placed again, not folded twice.
 */
export function createScorecardRecorder(deps: ScorecardDependencies): RecordScorecard {
  return (message) => {
    const read = deps.scorecard.get(message.dossierCode);
    // Surfaces when awaited below; a delivery that fails before then never asks.
    read.catch(() => undefined);
    return async (next) => {
      const previous = await read;
      if (previous && previous.sequence > message.sequence) return;
      const now = deps.clock.now();
      // The same message again (a redelivery after a crash): its entry may be stored and its rows
      // not (save writes them together), so the same sheet is placed again.
      const sheet =
        previous?.sequence === message.sequence
          ? previous.sheet
          : foldScorecardDossier(previous?.sheet, next, {
              agencyCode: message.agencyCode,
              acceptedAt: message.acceptedAt,
              deliveredAt: now.toISOString(),
            });
      if (!sheet) return;
      const verdicts = classifyDossier(sheet, { asOf: now }, deps.scorecardRules, deps.calendar);
      await deps.scorecard.save(
        { sheet, sequence: message.sequence, placement: placeVerdicts(verdicts) },
        previous,
      );
    };
  };
}
