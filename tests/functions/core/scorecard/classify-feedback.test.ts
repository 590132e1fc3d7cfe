import { describe, expect, it } from 'vitest';
import type { ScorecardIndicatorId, ScorecardRules } from '../../../../contracts/scorecard';
import {
  classifyDossierSatisfaction,
  classifyFeedback,
} from '../../../../functions/core/scorecard/classify-feedback';
import { classifyOnTime } from '../../../../functions/core/scorecard/classify-on-time';
import { describeReason } from '../../../../functions/core/scorecard/describe-reason';
import type {
  ScorecardDossier,
  ScorecardFeedback,
} from '../../../../functions/core/scorecard/scorecard-dossier';
import {
  aFeedback,
  aScorecardDossier,
  movedTo,
  sheetRules,
  testCalendar,
  vn,
} from '../../../support/scorecard-dossiers';

/**
 * Hand-worked cases of the satisfaction group [766 5.1–5.4]. Feedback is sent on Mon 03/03/2025
 * 09:00; 15 working days later is Mon 24/03 09:00, 2 later Wed 05/03 09:00, 5 later Mon 10/03 09:00.
 */
const verdictOn = (
  id: ScorecardIndicatorId,
  item: ScorecardFeedback,
  asOf = '2025-04-15 12:00',
  rules: ScorecardRules = sheetRules(),
) =>
  classifyFeedback(item, { asOf: new Date(vn(asOf)) }, rules, testCalendar).find((v) => v.indicator === id);

const reasonsOn = (id: ScorecardIndicatorId, item: ScorecardFeedback, asOf?: string) =>
  verdictOn(id, item, asOf)?.reasons.map((reason) => describeReason(reason).vi);

describe('[766 5.2] feedback handled on time', () => {
  it('is on time when answered within 15 working days and published within 2 of the answer', () => {
    const item = aFeedback({ answeredAt: vn('2025-03-21 10:00'), publishedAt: vn('2025-03-24 10:00') });
    expect(verdictOn('5.2', item)).toMatchObject({ category: 'onTime', met: true, provisional: false });
    expect(verdictOn('5.2', item)?.span).toEqual({ first: '2025-03-03', last: '2025-03-24' });
  });

  it('is late when published more than 2 working days after the answer, unless publication is not judged', () => {
    const item = aFeedback({ answeredAt: vn('2025-03-21 10:00'), publishedAt: vn('2025-03-27 10:00') });
    expect(reasonsOn('5.2', item)).toEqual([
      'công khai sau 2 ngày làm việc kể từ khi trả lời (trễ 2 ngày làm việc)',
    ]);
    const rules = sheetRules({ feedback: { publication: 'skip' } });
    expect(verdictOn('5.2', item, undefined, rules)?.category).toBe('onTime');
  });

  it('judges an unpublished answer at the period end and says by when to publish it', () => {
    const item = aFeedback({ answeredAt: vn('2025-03-21 10:00') });
    const verdict = verdictOn('5.2', item, '2025-03-24 12:00');
    expect(verdict).toMatchObject({ category: 'inTime', provisional: true });
    expect(verdict?.watch).toEqual({ handleBy: vn('2025-03-25 10:00'), reason: { code: 'publishAnswer' } });
  });

  it('is late when answered after 15 working days', () => {
    const item = aFeedback({ answeredAt: vn('2025-03-25 10:00'), publishedAt: vn('2025-03-25 11:00') });
    expect(reasonsOn('5.2', item)).toEqual(['trả lời sau 15 ngày làm việc (trễ 1 ngày làm việc)']);
  });

  it('is late when refused after 2 working days ("Ngày từ chối <= Ngày gửi PAKN + 2 ngày làm việc")', () => {
    expect(reasonsOn('5.2', aFeedback({ refusedAt: vn('2025-03-06 10:00') }))).toEqual([
      'từ chối sau 2 ngày làm việc (trễ 1 ngày làm việc)',
    ]);
  });

  it('starts the clock at the latest forwarding by VPCP or another agency', () => {
    const forwarded = aFeedback({ forwardedAt: vn('2025-03-10 09:00'), refusedAt: vn('2025-03-12 08:00') });
    expect(verdictOn('5.2', forwarded)?.category).toBe('onTime');
    expect(verdictOn('5.2', forwarded)?.span.first).toBe('2025-03-10');
  });

  it('judges a request for more before reception against 5 working days, and one after reception as open', () => {
    const before = aFeedback({ receivedAt: undefined, supplementRequestedAt: vn('2025-03-11 10:00') });
    expect(reasonsOn('5.2', before)).toEqual(['yêu cầu bổ sung sau 5 ngày làm việc (trễ 1 ngày làm việc)']);
    const after = aFeedback({ supplementRequestedAt: vn('2025-03-11 10:00') });
    expect(verdictOn('5.2', after, '2025-03-12 12:00')).toMatchObject({
      category: 'inTime',
      provisional: true,
    });
  });

  it('keeps an open item in time while the period end is within 15 working days, then counts it late', () => {
    const open = aFeedback();
    const inTime = verdictOn('5.2', open, '2025-03-21 18:00');
    expect(inTime?.category).toBe('inTime');
    expect(inTime?.watch).toEqual({ handleBy: vn('2025-03-24 09:00'), reason: { code: 'answerFeedback' } });
    expect(reasonsOn('5.2', open, '2025-03-25 12:00')).toEqual([
      'chưa xử lý, trễ 1 ngày làm việc so với 15 ngày làm việc',
    ]);
  });
});

describe('[766 5.3] satisfaction with feedback handling', () => {
  const handled = { answeredAt: vn('2025-03-10 10:00'), publishedAt: vn('2025-03-11 10:00') };

  it('is satisfied when handled on time with no dislike and no follow-up complaint', () => {
    expect(verdictOn('5.3', aFeedback(handled))).toMatchObject({ category: 'satisfied', met: true });
  });

  it('subtracts items with more dislikes than likes, late ones and those complained of again, each once', () => {
    const item = aFeedback({ ...handled, likes: 1, dislikes: 3, followUpComplaint: true });
    expect(reasonsOn('5.3', item)).toEqual([
      'người dân đánh giá không hài lòng',
      'tiếp tục có phản ánh về kết quả giải quyết',
    ]);
    expect(verdictOn('5.3', aFeedback({ refusedAt: vn('2025-03-06 10:00') }))?.category).toBe('dissatisfied');
  });

  it('leaves out feedback the agency has not received ("không bao gồm PAKN chưa được tiếp nhận")', () => {
    expect(verdictOn('5.3', aFeedback({ receivedAt: undefined }))).toBeUndefined();
  });
});

describe('[766 5.1] classification', () => {
  it('counts feedback classified as policy or procedure, or as officer conduct', () => {
    expect(verdictOn('5.1', aFeedback({ classification: 'officerConduct' }))?.met).toBe(true);
    expect(verdictOn('5.1', aFeedback({ classification: 'other' }))?.met).toBe(false);
    expect(verdictOn('5.1', aFeedback())?.category).toBe('unclassified');
  });
});

describe('[766 5.4] satisfaction with dossier handling', () => {
  const satisfaction = (dossier: ScorecardDossier) =>
    classifyDossierSatisfaction(
      dossier,
      classifyOnTime(dossier, { asOf: new Date(vn('2025-04-15 12:00')) }, sheetRules(), testCalendar),
    );

  it('records whether a dossier was late, complained of or disliked, or neither', () => {
    const late = movedTo(['resolved', '2025-03-11 09:00']);
    expect(satisfaction(aScorecardDossier())?.category).toBe('late');
    expect(
      satisfaction(aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-05 09:00']) }))?.category,
    ).toBe('satisfied');
    expect(satisfaction(aScorecardDossier({ statusHistory: late, feedback: { dislikes: 1 } }))).toMatchObject(
      {
        category: 'lateAndComplained',
        reasons: [{ code: 'finishedLate', workingDays: 2 }, { code: 'dossierDisliked' }],
      },
    );
  });

  it('counts only dossiers 2.1 counts', () => {
    const refused = aScorecardDossier({ statusHistory: [{ status: 'refused', at: vn('2025-03-03 08:00') }] });
    expect(satisfaction(refused)).toBeUndefined();
  });
});
