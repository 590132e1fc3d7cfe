import type { ScorecardRules } from '../../../contracts/scorecard';
import type { WorkingCalendar } from '../working-calendar';
import { classifyDossierSatisfaction } from './classify-feedback';
import { classifyOnTime, classifyProcessingTime } from './classify-on-time';
import { classifyReceptionIndicators } from './classify-reception-indicators';
import type { Evaluation, IndicatorVerdict } from './indicator-verdict';
import type { ScorecardDossier } from './scorecard-dossier';

/**
 * Every verdict of one dossier on the dossier indicators (1.4, 2.1, 2.2, 3.3, 3.6, 4.1–4.5, 5.4),
 * as of `evaluation.asOf` for whatever is still open. Pure: the same dossier and rules always
 * give the same verdicts, so a roll-up row written from them is idempotent.
 */
export function classifyDossier(
  dossier: ScorecardDossier,
  evaluation: Evaluation,
  rules: ScorecardRules,
  calendar: WorkingCalendar,
): IndicatorVerdict[] {
  const onTime = classifyOnTime(dossier, evaluation, rules, calendar);
  return [
    ...classifyReceptionIndicators(dossier, rules),
    onTime,
    classifyProcessingTime(dossier, rules, calendar),
    classifyDossierSatisfaction(dossier, onTime),
  ].filter((verdict): verdict is IndicatorVerdict => verdict !== undefined);
}
