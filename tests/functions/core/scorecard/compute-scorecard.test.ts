import { describe, expect, it } from 'vitest';
import type { ScorecardRules } from '../../../../contracts/scorecard';
import { scorecardReportSchema } from '../../../../contracts/scorecard';
import {
  computeScorecard,
  evaluationFor,
  type ScorecardRequest,
} from '../../../../functions/core/scorecard/compute-scorecard';
import { percentOf, pointsFor } from '../../../../functions/core/scorecard/score-indicators';
import type {
  ScorecardDossier,
  ScorecardFeedback,
} from '../../../../functions/core/scorecard/scorecard-dossier';
import {
  aFeedback,
  aScorecardDossier,
  movedTo,
  PROCEDURE,
  sheetRules,
  testCalendar,
  vn,
} from '../../../support/scorecard-dossiers';

const march: ScorecardRequest = {
  period: { from: '2025-03-01', to: '2025-03-31' },
  now: new Date(vn('2025-03-25 12:00')),
};

function scorecard(
  dossiers: ScorecardDossier[],
  request: Partial<ScorecardRequest> = {},
  rules: ScorecardRules = sheetRules(),
  feedback: ScorecardFeedback[] = [],
) {
  return computeScorecard({ dossiers, feedback }, { ...march, ...request }, rules, testCalendar);
}

const indicator = (result: ReturnType<typeof scorecard>, id: string) =>
  result.report.indicators.find((entry) => entry.id === id);

/** A month of one unit, hand-worked below (now is Tue 25/03/2025 12:00, the month not over). */
const month = {
  earlyOnline: aScorecardDossier({
    channel: 'online',
    procedure: { resultIsPaper: true },
    results: [{ resultCode: 'KQ-1', url: 'https://f.vn/kq.pdf' }],
    statusHistory: movedTo(['resolved', '2025-03-05 15:00']),
  }),
  lateAtDesk: aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-11 09:00']) }),
  openPastDueUnsynced: aScorecardDossier({ syncedAt: undefined }),
  openInTime: aScorecardDossier({
    receivedAt: vn('2025-03-20 08:00'),
    dueAt: vn('2025-04-04 17:00'),
    statusHistory: [{ status: 'processing', at: vn('2025-03-20 08:00') }],
  }),
  refusedAtIntake: aScorecardDossier({ statusHistory: [{ status: 'refused', at: vn('2025-03-03 08:00') }] }),
  carriedOverFromFebruary: aScorecardDossier({
    receivedAt: vn('2025-02-25 08:00'),
    dueAt: vn('2025-03-05 17:00'),
    statusHistory: [
      { status: 'received', at: vn('2025-02-25 08:00') },
      { status: 'resolved', at: vn('2025-03-04 10:00') },
    ],
  }),
};

describe('the scorecard of a period', () => {
  const result = scorecard(Object.values(month));

  it('[766 2.1] counts dossiers received or processed in the month, open ones judged now, 3 of 5 in time', () => {
    expect(indicator(result, '2.1')).toMatchObject({
      numerator: 3,
      denominator: 5,
      rate: 60,
      categories: { early: 2, onTime: 0, inTime: 1, late: 2 },
      fullMarksAt: null,
      score: null,
    });
  });

  it('[766 1.4] counts dossiers received in the month that the portal holds: 3 of 4', () => {
    expect(indicator(result, '1.4')).toMatchObject({ numerator: 3, denominator: 4, rate: 75 });
  });

  it('[766 3.3] multiplies the online share of synced dossiers by the sync rate, and scores it against 50 %', () => {
    // 1 online of 3 synced, times 3/4 synced: 25 %, half of the full marks.
    expect(indicator(result, '3.3')).toMatchObject({
      numerator: 1,
      denominator: 3,
      rate: 25,
      fullMarksAt: 50,
      score: 50,
    });
  });

  it('lists each dossier that counts against 2.1 with the reason in words', () => {
    const against = result.shortfalls.filter((entry) => entry.indicator === '2.1');
    expect(against.map((entry) => [entry.subjectCode, entry.reasons.map((reason) => reason.vi)])).toEqual(
      [
        [month.lateAtDesk.dossierCode, ['trễ 2 ngày làm việc']],
        [month.openPastDueUnsynced.dossierCode, ['trễ 12 ngày làm việc, chưa kết thúc xử lý']],
      ].sort(([left], [right]) => String(left).localeCompare(String(right))),
    );
  });

  it('warns about the open dossier that will count as late unless it finishes by its promised date', () => {
    expect(result.watch.find((entry) => entry.indicator === '2.1')).toEqual({
      indicator: '2.1',
      subjectCode: month.openInTime.dossierCode,
      agencyCode: month.openInTime.agencyCode,
      procedureCode: PROCEDURE,
      handleBy: vn('2025-04-04 17:00'),
      reason: {
        code: 'finishProcessing',
        vi: 'cần kết thúc xử lý trước 04/04/2025 17:00',
        en: 'must finish processing by 04/04/2025 17:00',
      },
    });
  });

  it('answers in the shape of the v1.1 contract', () => {
    expect(scorecardReportSchema.parse(result.report)).toEqual(result.report);
  });
});

describe('zero denominators and points', () => {
  it('shows N/A for a zero denominator, and 0 for sync as the sheet says ("tỷ lệ hồ sơ đồng bộ = 0")', () => {
    const empty = scorecard([]);
    expect(indicator(empty, '2.1')).toMatchObject({ denominator: 0, rate: null, score: null });
    expect(indicator(empty, '4.2')).toMatchObject({ rate: null, fullMarksAt: 80, score: null });
    expect(indicator(empty, '1.4')?.rate).toBe(0);
    expect(
      indicator(scorecard([], {}, sheetRules({ sync: { withoutDenominator: 'notApplicable' } })), '1.4')
        ?.rate,
    ).toBe(null);
  });

  it('[766 1.4] takes the national reporting system count when it is larger', () => {
    const result = scorecard([month.earlyOnline], { nationalReportReceived: 4 });
    expect(indicator(result, '1.4')).toMatchObject({ numerator: 1, denominator: 4, rate: 25 });
  });

  it('rounds rates half up to two decimals', () => {
    expect(percentOf(1, 3)).toBe(33.33);
    expect(percentOf(2, 3)).toBe(66.67);
    expect(percentOf(1, 800)).toBe(0.13);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('gives full marks from the threshold up and a proportional score below ("Tỷ lệ * Điểm tối đa / 80%")', () => {
    expect(pointsFor(80, 80, 4)).toBe(4);
    expect(pointsFor(95.5, 80, 4)).toBe(4);
    expect(pointsFor(60, 80, 4)).toBe(3);
    expect(pointsFor(33.33, 90, 100)).toBe(37.03);
    expect(pointsFor(null, 80, 4)).toBeNull();
  });

  it('applies a configured points rule, e.g. the official weight of an indicator', () => {
    const rules = sheetRules({ points: { '2.1': { fullMarksAt: 100, maxScore: 20 } } });
    expect(indicator(scorecard(Object.values(month), {}, rules), '2.1')).toMatchObject({
      rate: 60,
      score: 12,
      maxScore: 20,
    });
  });
});

describe('[766 5.4] satisfaction with dossier handling', () => {
  const resolvedEarly = movedTo(['resolved', '2025-03-05 09:00']);
  const resolvedLate = movedTo(['resolved', '2025-03-11 09:00']);
  const five = [
    aScorecardDossier({ statusHistory: resolvedEarly }),
    aScorecardDossier({ statusHistory: resolvedEarly }),
    aScorecardDossier({ statusHistory: resolvedLate }),
    aScorecardDossier({ statusHistory: resolvedEarly, feedback: { complaints: 1 } }),
    aScorecardDossier({ statusHistory: resolvedLate, feedback: { dislikes: 2 } }),
  ];

  it('is 100 % − (late rate + complained rate): 100 − (40 + 40) = 20 %, scored against 90 %', () => {
    expect(indicator(scorecard(five), '5.4')).toMatchObject({
      numerator: 1,
      denominator: 5,
      rate: 20,
      score: 22.22,
    });
  });

  it('can count a dossier both late and complained of once instead', () => {
    const rules = sheetRules({ satisfaction: { combine: 'eachDossierOnce' } });
    expect(indicator(scorecard(five, {}, rules), '5.4')).toMatchObject({ numerator: 2, rate: 40 });
  });

  it('is N/A with a Vietnamese note, not 100 % − late rate alone, while no feedback reaches the gateway', () => {
    const withoutFeedback = scorecard(five, { feedbackReceived: false });
    for (const id of ['5.1', '5.2', '5.3', '5.4']) {
      expect(indicator(withoutFeedback, id)).toMatchObject({
        rate: null,
        score: null,
        note: { vi: expect.stringMatching(/^Không áp dụng: chưa nhận được phản ánh/) },
      });
    }
    // Its counts are still there, and the other indicators are untouched.
    expect(indicator(withoutFeedback, '5.4')).toMatchObject({ denominator: 5, fullMarksAt: 90 });
    expect(indicator(withoutFeedback, '2.1')).toEqual(indicator(scorecard(five), '2.1'));
    expect(indicator(scorecard(five), '5.4')?.note).toBeUndefined();
  });
});

describe('scopes', () => {
  const province = aScorecardDossier({ agencyCode: '000.00.00.H12' });
  const department = aScorecardDossier({ agencyCode: '000.00.12.H12' });
  const commune = aScorecardDossier({ agencyCode: '000.34.12.H12' });
  const otherDepartment = aScorecardDossier({ agencyCode: '000.00.13.H12' });
  const all = [province, department, commune, otherDepartment];

  it('counts an agency with its sub-units, and a province with all of them', () => {
    expect(indicator(scorecard(all, { agencyCode: '000.00.12.H12' }), '1.4')?.denominator).toBe(2);
    expect(indicator(scorecard(all, { agencyCode: '000.00.00.H12' }), '1.4')?.denominator).toBe(4);
    expect(indicator(scorecard(all, { agencyCode: '000.34.12.H12' }), '1.4')?.denominator).toBe(1);
  });

  it('[766 2.2] reports the average processing time per procedure, and only per procedure', () => {
    const other = '1.000001.000.00.00.H12';
    const result = scorecard(
      [
        aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-10 10:00']) }),
        aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-06 10:00']) }),
        aScorecardDossier({ procedureCode: other, statusHistory: movedTo(['resolved', '2025-03-04 10:00']) }),
      ],
      { procedureCode: PROCEDURE },
    );
    expect(indicator(result, '2.2')).toMatchObject({
      numerator: 8,
      denominator: 2,
      rate: null,
      averages: [{ procedureCode: PROCEDURE, unit: 'workingDay', dossiers: 2, average: 4 }],
    });
  });

  it('leaves the feedback indicators out of a procedure scorecard ("Không thống kê theo TTHC")', () => {
    const ids = scorecard([], { procedureCode: PROCEDURE }, sheetRules(), [
      aFeedback(),
    ]).report.indicators.map((entry) => entry.id);
    expect(ids).not.toContain('5.3');
    expect(ids).toContain('5.4');
  });

  it('judges open items at the end of a past period, and at now during the current one', () => {
    const now = new Date(vn('2025-04-10 12:00'));
    expect(evaluationFor({ from: '2025-03-01', to: '2025-03-31' }, now).asOf.toISOString()).toBe(
      '2025-03-31T16:59:59.999Z',
    );
    expect(evaluationFor({ from: '2025-04-01', to: '2025-04-30' }, now).asOf).toEqual(now);
  });
});
