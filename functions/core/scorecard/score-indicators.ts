import {
  type ScorecardIndicatorId,
  type ScorecardIndicatorResult,
  type ScorecardRules,
  scorecardIndicatorIds,
} from '../../../contracts/scorecard';
import { indicatorDefinitions, pointsRuleFor } from './indicator-definitions';
import type { ScorecardTally } from './scorecard-tally';

/**
 * Percent to two decimals, half up; null (N/A) for a zero denominator ("Nếu mẫu số = 0: hiển thị
 * 0 hoặc N/A", "Làm tròn: 2 chữ số thập phân"). Integer inputs keep the quotient exact enough that
 * a true half (x.xx5) is not lost to binary rounding.
 */
export function percentOf(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator * 10_000) / denominator) / 100;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** "Dưới X% tính theo công thức: Tỷ lệ * Điểm tối đa / X%"; full marks from X up. */
export function pointsFor(rate: number | null, fullMarksAt: number | null, maxScore: number): number | null {
  if (rate === null || fullMarksAt === null) return null;
  return rate >= fullMarksAt ? maxScore : round2((rate * maxScore) / fullMarksAt);
}

export interface ScoreOptions {
  readonly rules: ScorecardRules;
  /** [766 1.4] the national reporting system's count of dossiers received in the period, used when larger. */
  readonly nationalReportReceived?: number;
  /** Which indicators to report, in this order; all by default. */
  readonly indicators?: readonly ScorecardIndicatorId[];
  /**
   * Whether citizens' feedback (PAKN, ratings) reaches the computation. Without it the 5.x
   * indicators are N/A with a note: 5.1–5.3 have nothing to count, and 5.4 would read as
   * "not late" alone, a higher figure than the portal's.
   */
  readonly feedbackReceived?: boolean;
  /**
   * Whether feedback items arrive classified (policy or procedure, officer conduct: 5.1). The
   * portal's list carries no classification (docs/adr/0017): without it 5.1 is N/A with a note.
   */
  readonly feedbackClassified?: boolean;
}

/** [766 5.x] without the portal's feedback flow (issue 23). */
const WITHOUT_FEEDBACK = {
  vi: 'Không áp dụng: chưa nhận được phản ánh, kiến nghị và đánh giá của người dân từ Cổng Dịch vụ công quốc gia',
  en: "N/A: citizens' feedback and ratings do not reach the gateway from the national portal yet",
} as const;

/** [766 5.1] without a classification of the feedback items. */
const WITHOUT_CLASSIFICATION = {
  vi: 'Không áp dụng: danh sách phản ánh, kiến nghị của Cổng Dịch vụ công quốc gia không kèm phân loại',
  en: "N/A: the national portal's feedback list carries no classification",
} as const;

const needsFeedback = (id: ScorecardIndicatorId) => id.startsWith('5.');

/** The note of an indicator the gateway cannot count from what it receives, if any. */
function notCountable(id: ScorecardIndicatorId, options: ScoreOptions) {
  if (options.feedbackReceived === false && needsFeedback(id)) return WITHOUT_FEEDBACK;
  if (options.feedbackClassified === false && id === '5.1') return WITHOUT_CLASSIFICATION;
  return undefined;
}

const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

function countsOf(tally: ScorecardTally, id: ScorecardIndicatorId) {
  const categories = tally[id]?.categories ?? {};
  const definition = indicatorDefinitions[id];
  return {
    categories: Object.fromEntries(definition.categories.map((name) => [name, categories[name] ?? 0])),
    total: sum(Object.values(categories)),
    met: sum(definition.metCategories.map((name) => categories[name] ?? 0)),
    of: (name: string) => categories[name] ?? 0,
  };
}

/** [766 1.4] the denominator is the larger of our count and the national reporting system's. */
function syncFraction(tally: ScorecardTally, options: ScoreOptions): Fraction {
  const counts = countsOf(tally, '1.4');
  return { numerator: counts.met, denominator: Math.max(counts.total, options.nationalReportReceived ?? 0) };
}

function rateOf(id: ScorecardIndicatorId, tally: ScorecardTally, options: ScoreOptions) {
  const counts = countsOf(tally, id);
  const { rules } = options;
  if (id === '1.4') {
    const sync = syncFraction(tally, options);
    // With nothing received the sheet's fallback denominator (last year / 12) meets a zero numerator.
    const rate =
      sync.denominator === 0
        ? rules.sync.withoutDenominator === 'zero'
          ? 0
          : null
        : percentOf(sync.numerator, sync.denominator);
    return { ...sync, rate, categories: counts.categories };
  }
  if (id === '3.3' && rules.online.multiplyBySyncRate) {
    const sync = syncFraction(tally, options);
    const rate =
      sync.denominator === 0 || counts.total === 0
        ? percentOf(counts.met, counts.total)
        : percentOf(counts.met * sync.numerator, counts.total * sync.denominator);
    return { numerator: counts.met, denominator: counts.total, rate, categories: counts.categories };
  }
  if (id === '5.4' && rules.satisfaction.combine === 'sumOfRates') {
    // 100% − (late/total + complained/total): a dossier both late and complained of counts twice.
    const numerator = Math.max(0, counts.of('satisfied') - counts.of('lateAndComplained'));
    return {
      numerator,
      denominator: counts.total,
      rate: percentOf(numerator, counts.total),
      categories: counts.categories,
    };
  }
  return {
    numerator: counts.met,
    denominator: counts.total,
    rate: percentOf(counts.met, counts.total),
    categories: counts.categories,
  };
}

/** [766 2.2] averages per procedure and unit; the sheet shows the indicator only for one procedure. */
function processingTimeResult(tally: ScorecardTally): ScorecardIndicatorResult {
  const definition = indicatorDefinitions['2.2'];
  const measures = Object.entries(tally['2.2']?.measures ?? {}).sort(([left], [right]) =>
    left.localeCompare(right),
  );
  const averages = measures.map(([key, measure]) => {
    const [procedureCode = '', unit = 'workingDay'] = key.split('|');
    return {
      procedureCode,
      unit: unit as NonNullable<ScorecardIndicatorResult['averages']>[number]['unit'],
      dossiers: measure.count,
      average: round2(measure.hundredths / 100 / measure.count),
    };
  });
  const units = new Set(averages.map((average) => average.unit));
  const count = sum(measures.map(([, measure]) => measure.count));
  return {
    id: '2.2',
    title: definition.title,
    titleEn: definition.titleEn,
    numerator: units.size === 1 ? round2(sum(measures.map(([, m]) => m.hundredths)) / 100) : null,
    denominator: count,
    rate: null,
    fullMarksAt: null,
    score: null,
    maxScore: null,
    categories: { finished: count },
    averages,
  };
}

/** A tally's figures per indicator: numerator, denominator, rate, category counts and points. */
export function scoreIndicators(tally: ScorecardTally, options: ScoreOptions): ScorecardIndicatorResult[] {
  return (options.indicators ?? scorecardIndicatorIds).map((id) => {
    if (id === '2.2') return processingTimeResult(tally);
    const definition = indicatorDefinitions[id];
    const figures = rateOf(id, tally, options);
    const points = pointsRuleFor(id, options.rules);
    const note = notCountable(id, options);
    const rate = note ? null : figures.rate;
    return {
      id,
      title: definition.title,
      titleEn: definition.titleEn,
      numerator: figures.numerator,
      denominator: figures.denominator,
      rate,
      fullMarksAt: points?.fullMarksAt ?? null,
      score: points ? pointsFor(rate, points.fullMarksAt, points.maxScore) : null,
      maxScore: points?.maxScore ?? null,
      ...(note ? { note } : {}),
      categories: figures.categories,
    };
  });
}
