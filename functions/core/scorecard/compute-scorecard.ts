import type {
  ScorecardReport,
  ScorecardRules,
  ScorecardShortfall,
  ScorecardWatch,
} from '../../../contracts/scorecard';
import { scorecardIndicatorIds } from '../../../contracts/scorecard';
import type { WorkingCalendar } from '../working-calendar';
import { agencyIncludes } from './agency-includes';
import { classifyDossier } from './classify-dossier';
import { classifyFeedback } from './classify-feedback';
import { describeReason, describeWatch } from './describe-reason';
import { indicatorDefinitions } from './indicator-definitions';
import type { Evaluation, IndicatorVerdict } from './indicator-verdict';
import { scoreIndicators } from './score-indicators';
import type { ScorecardDossier, ScorecardFeedback } from './scorecard-dossier';
import { type DayPeriod, spanOverlaps, tallyVerdicts } from './scorecard-tally';

export interface ScorecardScope {
  readonly period: DayPeriod;
  /** An agency and its sub-units; absent: everything given. */
  readonly agencyCode?: string;
  readonly procedureCode?: string;
}

export interface ScorecardRequest extends ScorecardScope {
  readonly now: Date;
  /** [766 1.4] the national reporting system's received count, when known. */
  readonly nationalReportReceived?: number;
  /** False when no feedback reaches the verdicts: the 5.x indicators are then N/A with a note. */
  readonly feedbackReceived?: boolean;
  /** False when feedback items arrive without a classification: 5.1 is then N/A with a note. */
  readonly feedbackClassified?: boolean;
}

export interface ScorecardComputation {
  readonly report: ScorecardReport;
  /** Every dossier or feedback item that counts against an indicator, with why. */
  readonly shortfalls: ScorecardShortfall[];
  /** Open items that will count against an indicator unless handled by a date still ahead. */
  readonly watch: ScorecardWatch[];
}

/**
 * Whatever is still open is judged at the period's last instant (Vietnam time), or now if the
 * period has not ended: "lấy ngày cuối kỳ báo cáo (lấy theo ngày hiện tại nếu thống kê kỳ hiện
 * tại)" [766 2.1, 5.2].
 */
export function evaluationFor(period: DayPeriod, now: Date): Evaluation {
  const periodEnd = Date.parse(`${period.to}T23:59:59.999+07:00`);
  return { asOf: new Date(Math.min(periodEnd, now.getTime())) };
}

/** The verdicts a scope counts: in its period, its agency or a sub-unit, its procedure if any. */
export function selectVerdicts(
  verdicts: Iterable<IndicatorVerdict>,
  scope: ScorecardScope,
  includes: (agencyCode: string, unitCode: string) => boolean = agencyIncludes,
): IndicatorVerdict[] {
  const selected: IndicatorVerdict[] = [];
  for (const verdict of verdicts) {
    if (!spanOverlaps(verdict.span, scope.period)) continue;
    if (scope.agencyCode && !includes(scope.agencyCode, verdict.agencyCode)) continue;
    if (scope.procedureCode) {
      if (indicatorDefinitions[verdict.indicator].byProcedure === 'never') continue;
      if (verdict.procedureCode !== scope.procedureCode) continue;
    }
    selected.push(verdict);
  }
  return selected;
}

const byIndicatorThenSubject = (left: IndicatorVerdict, right: IndicatorVerdict) =>
  scorecardIndicatorIds.indexOf(left.indicator) - scorecardIndicatorIds.indexOf(right.indicator) ||
  left.subjectCode.localeCompare(right.subjectCode);

export function describeShortfalls(verdicts: readonly IndicatorVerdict[]): ScorecardShortfall[] {
  return verdicts
    .filter((verdict) => !verdict.met)
    .sort(byIndicatorThenSubject)
    .map((verdict) => ({
      indicator: verdict.indicator,
      subjectCode: verdict.subjectCode,
      agencyCode: verdict.agencyCode,
      ...(verdict.procedureCode ? { procedureCode: verdict.procedureCode } : {}),
      category: verdict.category,
      reasons: verdict.reasons.map(describeReason),
    }));
}

export function describeWatchList(verdicts: readonly IndicatorVerdict[], now: Date): ScorecardWatch[] {
  return verdicts
    .filter((verdict) => verdict.watch && Date.parse(verdict.watch.handleBy) >= now.getTime())
    .sort(
      (left, right) =>
        Date.parse(left.watch?.handleBy ?? '') - Date.parse(right.watch?.handleBy ?? '') ||
        byIndicatorThenSubject(left, right),
    )
    .map((verdict) => {
      const watch = verdict.watch as NonNullable<IndicatorVerdict['watch']>;
      return {
        indicator: verdict.indicator,
        subjectCode: verdict.subjectCode,
        agencyCode: verdict.agencyCode,
        ...(verdict.procedureCode ? { procedureCode: verdict.procedureCode } : {}),
        handleBy: watch.handleBy,
        reason: describeWatch(watch.reason, watch.handleBy),
      };
    });
}

/**
 * The scorecard of a scope straight from its dossiers and feedback: what tests and the
 * benchmark's baseline compare the stored verdicts (scorecardFromVerdicts) against.
 */
export function computeScorecard(
  subjects: {
    readonly dossiers: Iterable<ScorecardDossier>;
    readonly feedback?: Iterable<ScorecardFeedback>;
  },
  request: ScorecardRequest,
  rules: ScorecardRules,
  calendar: WorkingCalendar,
  includes: (agencyCode: string, unitCode: string) => boolean = agencyIncludes,
): ScorecardComputation {
  const evaluation = evaluationFor(request.period, request.now);
  const verdicts: IndicatorVerdict[] = [];
  for (const dossier of subjects.dossiers)
    verdicts.push(...classifyDossier(dossier, evaluation, rules, calendar));
  for (const item of subjects.feedback ?? [])
    verdicts.push(...classifyFeedback(item, evaluation, rules, calendar));
  return scorecardFromVerdicts(verdicts, request, rules, includes);
}

/**
 * The scorecard of a scope from verdicts already made (stored final ones, open dossiers judged
 * at the period's `asOf`), each subject's verdict on an indicator given once (ADR 14).
 */
export function scorecardFromVerdicts(
  verdicts: Iterable<IndicatorVerdict>,
  request: ScorecardRequest,
  rules: ScorecardRules,
  includes: (agencyCode: string, unitCode: string) => boolean = agencyIncludes,
): ScorecardComputation {
  const selected = selectVerdicts(verdicts, request, includes);
  const indicators = request.procedureCode
    ? scorecardIndicatorIds.filter((id) => indicatorDefinitions[id].byProcedure !== 'never')
    : scorecardIndicatorIds;
  return {
    report: {
      period: { from: request.period.from, to: request.period.to },
      ...(request.agencyCode ? { agencyCode: request.agencyCode } : {}),
      ...(request.procedureCode ? { procedureCode: request.procedureCode } : {}),
      rulesVersion: rules.version,
      indicators: scoreIndicators(tallyVerdicts(selected), {
        rules,
        indicators,
        ...(request.nationalReportReceived === undefined
          ? {}
          : { nationalReportReceived: request.nationalReportReceived }),
        ...(request.feedbackReceived === undefined ? {} : { feedbackReceived: request.feedbackReceived }),
        ...(request.feedbackClassified === undefined
          ? {}
          : { feedbackClassified: request.feedbackClassified }),
      }),
    },
    shortfalls: describeShortfalls(selected),
    watch: describeWatchList(selected, request.now),
  };
}
