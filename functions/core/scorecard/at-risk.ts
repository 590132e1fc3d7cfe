import type { ScorecardRules, ScorecardWatch } from '../../../contracts/scorecard';
import type { WorkingCalendar } from '../working-calendar';
import { classifyDossier } from './classify-dossier';
import { describeWatchList } from './compute-scorecard';
import type { ScorecardDossier } from './scorecard-dossier';

/**
 * The QĐ 766 indicators an open dossier will count against unless handled by a date still
 * ahead of `now`, earliest first: the scorecard's own verdicts judged now, so the deadline watch
 * and the scorecard share one definition of on time (and of each date: the promised date moved
 * by the citizen's supplement time for 2.1 [766 2.1]).
 */
export function atRiskIndicators(
  dossier: ScorecardDossier,
  now: Date,
  rules: ScorecardRules,
  calendar: WorkingCalendar,
): ScorecardWatch[] {
  return describeWatchList(classifyDossier(dossier, { asOf: now }, rules, calendar), now);
}
