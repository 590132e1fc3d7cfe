import type { ScorecardExplanation, ScorecardIndicatorId, ScorecardQuery } from '../../contracts/scorecard';
import type { FeedbackRecord } from '../core/feedback-item';
import { classifyDossier } from '../core/scorecard/classify-dossier';
import { classifyFeedback, withDossierFeedback } from '../core/scorecard/classify-feedback';
import {
  evaluationFor,
  type ScorecardComputation,
  scorecardFromVerdicts,
} from '../core/scorecard/compute-scorecard';
import type { IndicatorVerdict } from '../core/scorecard/indicator-verdict';
import { monthsBetween } from '../core/scorecard/scorecard-placement';
import type { FeedbackStore } from '../ports/feedback-store';
import type { ScorecardDependencies } from './record-scorecard';

/** A page of the feedback list: the whole backlog is read, a page at a time. */
const FEEDBACK_PAGE = 500;

async function allFeedback(store: FeedbackStore): Promise<FeedbackRecord[]> {
  const records: FeedbackRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listFeedback({ limit: FEEDBACK_PAGE, ...(cursor ? { cursor } : {}) });
    records.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return records;
}

/**
 * Group 5 from the feedback the portal sent (issue 23): each item judged as of the period's end
 * (5.1–5.3), and each dossier's satisfaction (5.4) told which dossiers drew a complaint or a
 * dislike. Without a feedback store the group is N/A, as before the portal's flow was relayed.
 */
async function feedbackVerdicts(
  deps: Pick<ScorecardDependencies, 'scorecardRules' | 'calendar'> & { readonly feedback?: FeedbackStore },
  evaluation: ReturnType<typeof evaluationFor>,
) {
  if (!deps.feedback) return undefined;
  const [records, ratings] = await Promise.all([
    allFeedback(deps.feedback),
    deps.feedback.listDossierRatings(),
  ]);
  const complained = new Set(
    records.flatMap((record) => (record.item.dossierCode ? [record.item.dossierCode] : [])),
  );
  const disliked = new Set(
    ratings.flatMap((rating) =>
      rating.verdict === 'dislike' && rating.dossierCode ? [rating.dossierCode] : [],
    ),
  );
  return {
    items: records.flatMap((record) =>
      classifyFeedback(record, evaluation, deps.scorecardRules, deps.calendar),
    ),
    onDossier: (verdict: IndicatorVerdict) =>
      withDossierFeedback(verdict, {
        complained: complained.has(verdict.subjectCode),
        disliked: disliked.has(verdict.subjectCode),
      }),
  };
}

/**
 * A period's scorecard from the stored verdicts of its months and the open dossiers judged at
 * the period's end (or now): never the dossiers' messages, never another month (ADR 14). A
 * verdict whose span crosses months is stored under each of them and counted once.
 */
export async function readScorecard(
  deps: Pick<ScorecardDependencies, 'scorecard' | 'scorecardRules' | 'calendar' | 'clock'> & {
    readonly feedback?: FeedbackStore;
  },
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
  const feedback = await feedbackVerdicts(deps, evaluation);
  const dossierVerdicts = [...verdicts.values(), ...live];
  return scorecardFromVerdicts(
    feedback ? [...dossierVerdicts.map(feedback.onDossier), ...feedback.items] : dossierVerdicts,
    {
      period,
      now,
      feedbackReceived: feedback !== undefined,
      // The portal's list carries no classification (docs/adr/0017): 5.1 has nothing to count.
      feedbackClassified: false,
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
