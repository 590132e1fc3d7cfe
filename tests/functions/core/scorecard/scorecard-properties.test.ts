import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyDossier } from '../../../../functions/core/scorecard/classify-dossier';
import { classifyFeedback } from '../../../../functions/core/scorecard/classify-feedback';
import { classifyOnTime } from '../../../../functions/core/scorecard/classify-on-time';
import { computeScorecard, evaluationFor } from '../../../../functions/core/scorecard/compute-scorecard';
import { indicatorDefinitions } from '../../../../functions/core/scorecard/indicator-definitions';
import type { IndicatorVerdict } from '../../../../functions/core/scorecard/indicator-verdict';
import {
  addTallies,
  spanOverlaps,
  tallyByDay,
  tallyOverPeriod,
  tallyVerdicts,
} from '../../../../functions/core/scorecard/scorecard-tally';
import {
  scorecardDossier,
  scorecardInputs,
  scorecardPeriod,
  scorecardRules,
  scorecardUnits,
} from '../../../support/scorecard-arbitraries';
import { aScorecardDossier, sheetRules, testCalendar } from '../../../support/scorecard-dossiers';

const runs = { numRuns: 100 };
const now = new Date('2025-05-15T05:00:00Z');

function verdictsOf(
  dossiers: Parameters<typeof classifyDossier>[0][],
  feedback: Parameters<typeof classifyFeedback>[0][],
  rules: Parameters<typeof classifyDossier>[2],
  asOf = now,
): IndicatorVerdict[] {
  return [
    ...dossiers.flatMap((dossier) => classifyDossier(dossier, { asOf }, rules, testCalendar)),
    ...feedback.flatMap((item) => classifyFeedback(item, { asOf }, rules, testCalendar)),
  ];
}

describe('scorecard invariants', () => {
  it('never puts more in the numerator than the denominator, and a rate is N/A exactly when nothing counts', () => {
    fc.assert(
      fc.property(scorecardInputs({ dossiers: 25, feedback: 8 }), ({ dossiers, feedback, rules, period }) => {
        const { report } = computeScorecard({ dossiers, feedback }, { period, now }, rules, testCalendar);
        for (const result of report.indicators) {
          if (result.id === '2.2') continue;
          expect(result.numerator).toBeLessThanOrEqual(result.denominator);
          expect(result.numerator).toBeGreaterThanOrEqual(0);
          if (result.id === '1.4' && result.denominator === 0) continue;
          expect(result.rate === null).toBe(result.denominator === 0);
          if (result.rate !== null) {
            expect(result.rate).toBeGreaterThanOrEqual(0);
            expect(result.rate).toBeLessThanOrEqual(100);
          }
          if (result.score !== null) expect(result.score).toBeLessThanOrEqual(result.maxScore ?? 0);
        }
      }),
      runs,
    );
  });

  it("gives every verdict one of its indicator's categories, with reasons exactly when it does not meet it", () => {
    fc.assert(
      fc.property(scorecardInputs({ dossiers: 10, feedback: 5 }), ({ dossiers, feedback, rules }) => {
        for (const verdict of verdictsOf(dossiers, feedback, rules)) {
          const definition = indicatorDefinitions[verdict.indicator];
          expect(definition.categories).toContain(verdict.category);
          expect(verdict.met).toBe(definition.metCategories.includes(verdict.category));
          expect(verdict.reasons.length === 0).toBe(verdict.met);
          if (verdict.span.last !== null) expect(verdict.span.first <= verdict.span.last).toBe(true);
        }
      }),
      runs,
    );
  });

  it("sums a sub-unit's counts into its parent's", () => {
    // The hierarchy of the generated units, written out: a province holds every unit, a department its commune.
    const children: Record<string, readonly string[]> = {
      '000.00.00.H12': scorecardUnits,
      '000.00.12.H12': ['000.00.12.H12', '000.34.12.H12'],
    };
    const onlyItself = (agency: string, unit: string) => agency === unit;
    fc.assert(
      fc.property(scorecardInputs({ dossiers: 25, feedback: 0 }), ({ dossiers, rules, period }) => {
        const scorecardOf = (agencyCode: string, includes?: (agency: string, unit: string) => boolean) =>
          computeScorecard({ dossiers }, { period, now, agencyCode }, rules, testCalendar, includes).report
            .indicators;
        for (const [parent, units] of Object.entries(children)) {
          const parts = units.map((unit) => scorecardOf(unit, onlyItself));
          scorecardOf(parent).forEach((whole, index) => {
            const sum = (pick: (entry: typeof whole) => number) =>
              parts.reduce((total, part) => total + pick(part[index] as typeof whole), 0);
            expect(whole.denominator).toBe(sum((entry) => entry.denominator));
            for (const category of Object.keys(whole.categories)) {
              expect(whole.categories[category]).toBe(sum((entry) => entry.categories[category] ?? 0));
            }
          });
        }
      }),
      runs,
    );
  });

  it('adds up tallies in any grouping, so roll-up rows can be summed', () => {
    fc.assert(
      fc.property(
        fc.array(scorecardDossier, { maxLength: 20 }),
        fc.nat(20),
        scorecardRules,
        (dossiers, cut, rules) => {
          const verdicts = verdictsOf(dossiers, [], rules);
          const split = Math.min(cut, verdicts.length);
          expect(
            addTallies(tallyVerdicts(verdicts.slice(0, split)), tallyVerdicts(verdicts.slice(split))),
          ).toEqual(tallyVerdicts(verdicts));
        },
      ),
      runs,
    );
  });

  it('gets the same counts from daily roll-ups of final verdicts as from the verdicts themselves', () => {
    fc.assert(
      fc.property(scorecardInputs({ dossiers: 25, feedback: 8 }), ({ dossiers, feedback, rules, period }) => {
        const final = verdictsOf(dossiers, feedback, rules).filter((verdict) => !verdict.provisional);
        const direct = tallyVerdicts(final.filter((verdict) => spanOverlaps(verdict.span, period)));
        expect(tallyOverPeriod(tallyByDay(final), period)).toEqual(direct);
      }),
      runs,
    );
  });

  it('gives the same verdicts for the same dossier and survives a JSON round trip (an idempotent roll-up row)', () => {
    fc.assert(
      fc.property(scorecardDossier, scorecardRules, scorecardPeriod, (dossier, rules, period) => {
        const evaluation = evaluationFor(period, now);
        const once = classifyDossier(dossier, evaluation, rules, testCalendar);
        expect(classifyDossier(dossier, evaluation, rules, testCalendar)).toEqual(once);
        expect(JSON.parse(JSON.stringify(once))).toEqual(once);
      }),
      runs,
    );
  });

  it('[766 2.1] never judges a dossier better for finishing later', () => {
    const rank = { early: 0, onTime: 1, inTime: 1, late: 2 } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 100 }),
        scorecardRules,
        (hoursAfterReception, extraHours, rules) => {
          const received = Date.parse('2025-03-03T08:00:00+07:00');
          const resolvedAfter = (hours: number) =>
            aScorecardDossier({
              statusHistory: [
                { status: 'received', at: new Date(received).toISOString() },
                { status: 'resolved', at: new Date(received + hours * 3_600_000).toISOString() },
              ],
            });
          const judge = (hours: number) =>
            classifyOnTime(resolvedAfter(hours), { asOf: now }, rules, testCalendar)?.category ?? 'late';
          const sooner = rank[judge(hoursAfterReception) as keyof typeof rank];
          const later = rank[judge(hoursAfterReception + extraHours) as keyof typeof rank];
          expect(later).toBeGreaterThanOrEqual(sooner);
        },
      ),
      { numRuns: 100, examples: [[1, 0, sheetRules()]] },
    );
  });
});
