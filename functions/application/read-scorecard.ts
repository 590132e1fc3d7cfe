import type { ScorecardExplanation, ScorecardIndicatorId, ScorecardQuery } from '../../contracts/scorecard';
import { classifyDossier } from '../core/scorecard/classify-dossier';
import {
  evaluationFor,
  type ScorecardComputation,
  scorecardFromVerdicts,
} from '../core/scorecard/compute-scorecard';
import type { IndicatorVerdict } from '../core/scorecard/indicator-verdict';
import { monthsBetween } from '../core/scorecard/scorecard-placement';
import type { ScorecardDependencies } from './record-scorecard';

/**
 * A period's scorecard from the stored verdicts of its months and the open dossiers judged at
 * the period's end (or now): never the dossiers' messages, never another month (ADR 14). A
 * verdict whose span crosses months is stored under each of them and counted once.
 */
export async function readScorecard(
  deps: Pick<ScorecardDependencies, 'scorecard' | 'scorecardRules' | 'calendar' | 'clock'>,
  query: ScorecardQuery,
): Promise<ScorecardComputation> {
  const now = deps.clock.now();
  const period = { from: query.from, to: query.to };
  const [monthly, open] = await Promise.all([
    Promise.all(monthsBetween(period.from, period.to).map((month) => deps.scorecard.verdictsOfMonth(month))),
    deps.scorecard.openDossiersThrough(period.to),
  ]);
  const verdicts = new Map<string, IndicatorVerdict>();
  for (const verdict of monthly.flat()) verdicts.set(`${verdict.indicator}#${verdict.subjectCode}`, verdict);
  const evaluation = evaluationFor(period, now);
  const live = open.flatMap((sheet) =>
    classifyDossier(sheet, evaluation, deps.scorecardRules, deps.calendar),
  );
  return scorecardFromVerdicts(
    [...verdicts.values(), ...live],
    {
      period,
      now,
      // The portal's feedback flow (PAKN, ratings) is not received yet (issue 23).
      feedbackReceived: false,
      ...(query.agencyCode ? { agencyCode: query.agencyCode } : {}),
    },
    deps.scorecardRules,
  );
}

/** One indicator's explanation: the dossiers that count against it and the open ones still to handle. */
export async function readScorecardExplanation(
  deps: Parameters<typeof readScorecard>[0],
  indicator: ScorecardIndicatorId,
  query: ScorecardQuery,
): Promise<ScorecardExplanation> {
  const computation = await readScorecard(deps, query);
  const result = computation.report.indicators.find((candidate) => candidate.id === indicator);
  // Every indicator id is scored whenever no procedure narrows the scope (compute-scorecard.ts).
  if (!result) throw new Error(`indicator ${indicator} was not scored`);
  return {
    period: computation.report.period,
    ...(query.agencyCode ? { agencyCode: query.agencyCode } : {}),
    indicator: result,
    dossiers: computation.shortfalls.filter((shortfall) => shortfall.indicator === indicator),
    watch: computation.watch.filter((item) => item.indicator === indicator),
  };
}
