import type { ScorecardIndicatorId } from '../../../contracts/scorecard';
import type { DaySpan, IndicatorVerdict } from './indicator-verdict';

/**
 * Summable counts of verdicts: what a roll-up row (per agency, procedure and day) stores and
 * what a period's figures are computed from (ADR 14). Plain JSON, integers only, so sums are
 * exact in any order and a row can be rewritten idempotently from its dossiers.
 */
export interface IndicatorTally {
  /** Verdicts per category. */
  readonly categories: Readonly<Record<string, number>>;
  /** [766 2.2] per `procedureCode|unit`: dossiers and their processing time in hundredths. */
  readonly measures?: Readonly<Record<string, { readonly count: number; readonly hundredths: number }>>;
}

export type ScorecardTally = Readonly<Partial<Record<ScorecardIndicatorId, IndicatorTally>>>;

/** A period of Vietnam calendar days, both ends included (yyyy-MM-dd). */
export interface DayPeriod {
  readonly from: string;
  readonly to: string;
}

export function spanOverlaps(span: DaySpan, period: DayPeriod): boolean {
  return span.first <= period.to && (span.last === null || span.last >= period.from);
}

export const measureKey = (procedureCode: string, unit: string) => `${procedureCode}|${unit}`;

type MutableTally = Partial<
  Record<ScorecardIndicatorId, { categories: Record<string, number>; measures?: Record<string, MeasureSum> }>
>;
type MeasureSum = { count: number; hundredths: number };

function accumulate(target: MutableTally, source: ScorecardTally, sign: 1 | -1): void {
  for (const [id, tally] of Object.entries(source) as [ScorecardIndicatorId, IndicatorTally][]) {
    const into = target[id] ?? { categories: {} };
    target[id] = into;
    for (const [category, count] of Object.entries(tally.categories)) {
      into.categories[category] = (into.categories[category] ?? 0) + sign * count;
    }
    for (const [key, measure] of Object.entries(tally.measures ?? {})) {
      into.measures ??= {};
      const sum = into.measures[key] ?? { count: 0, hundredths: 0 };
      into.measures[key] = {
        count: sum.count + sign * measure.count,
        hundredths: sum.hundredths + sign * measure.hundredths,
      };
    }
  }
}

/** Drops zero counts, so a tally that cancelled out compares equal to an empty one. */
function pruned(tally: MutableTally): ScorecardTally {
  const result: MutableTally = {};
  for (const [id, entry] of Object.entries(tally) as [ScorecardIndicatorId, IndicatorTally][]) {
    const categories = Object.fromEntries(
      Object.entries(entry.categories).filter(([, count]) => count !== 0),
    );
    const measures = Object.fromEntries(
      Object.entries(entry.measures ?? {}).filter(([, sum]) => sum.count !== 0 || sum.hundredths !== 0),
    );
    if (Object.keys(categories).length === 0 && Object.keys(measures).length === 0) continue;
    result[id] = Object.keys(measures).length > 0 ? { categories, measures } : { categories };
  }
  return result;
}

export function addTallies(...tallies: readonly ScorecardTally[]): ScorecardTally {
  const total: MutableTally = {};
  for (const tally of tallies) accumulate(total, tally, 1);
  return pruned(total);
}

export function subtractTally(from: ScorecardTally, taken: ScorecardTally): ScorecardTally {
  const total: MutableTally = {};
  accumulate(total, from, 1);
  accumulate(total, taken, -1);
  return pruned(total);
}

export function tallyVerdicts(verdicts: Iterable<IndicatorVerdict>): ScorecardTally {
  const total: MutableTally = {};
  for (const verdict of verdicts) {
    const measures = verdict.measure
      ? {
          [measureKey(verdict.procedureCode ?? '', verdict.measure.unit)]: {
            count: 1,
            hundredths: Math.round(verdict.measure.value * 100),
          },
        }
      : undefined;
    accumulate(
      total,
      { [verdict.indicator]: { categories: { [verdict.category]: 1 }, ...(measures ? { measures } : {}) } },
      1,
    );
  }
  return pruned(total);
}

/**
 * Daily roll-up of final verdicts: each counted on the day its span starts and on the day it
 * ends. A period's tally is then "started on or before its last day" minus "ended before its
 * first day" — exactly the verdicts whose span overlaps it. With running totals carried at each
 * month's close, a month reads two totals and its own days' rows instead of every dossier.
 * Provisional verdicts (still open) are not final and are tallied live (ADR 14).
 */
export interface DailyTallies {
  readonly started: Readonly<Record<string, ScorecardTally>>;
  readonly ended: Readonly<Record<string, ScorecardTally>>;
}

export function tallyByDay(verdicts: Iterable<IndicatorVerdict>): DailyTallies {
  const startedOn = new Map<string, IndicatorVerdict[]>();
  const endedOn = new Map<string, IndicatorVerdict[]>();
  const push = (map: Map<string, IndicatorVerdict[]>, day: string, verdict: IndicatorVerdict) =>
    map.set(day, [...(map.get(day) ?? []), verdict]);
  for (const verdict of verdicts) {
    if (verdict.provisional || verdict.span.last === null) continue;
    push(startedOn, verdict.span.first, verdict);
    push(endedOn, verdict.span.last, verdict);
  }
  const tallied = (map: Map<string, IndicatorVerdict[]>) =>
    Object.fromEntries([...map].map(([day, dayVerdicts]) => [day, tallyVerdicts(dayVerdicts)]));
  return { started: tallied(startedOn), ended: tallied(endedOn) };
}

export function tallyOverPeriod(daily: DailyTallies, period: DayPeriod): ScorecardTally {
  const started = Object.entries(daily.started)
    .filter(([day]) => day <= period.to)
    .map(([, tally]) => tally);
  const endedBefore = Object.entries(daily.ended)
    .filter(([day]) => day < period.from)
    .map(([, tally]) => tally);
  return subtractTally(addTallies(...started), addTallies(...endedBefore));
}
