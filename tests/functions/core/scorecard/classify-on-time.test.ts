import { describe, expect, it } from 'vitest';
import type { ScorecardRules } from '../../../../contracts/scorecard';
import {
  classifyOnTime,
  classifyProcessingTime,
} from '../../../../functions/core/scorecard/classify-on-time';
import { describeReason } from '../../../../functions/core/scorecard/describe-reason';
import type { ScorecardDossier } from '../../../../functions/core/scorecard/scorecard-dossier';
import {
  aScorecardDossier,
  movedTo,
  sheetRules,
  testCalendar,
  vn,
} from '../../../support/scorecard-dossiers';

/**
 * Hand-worked cases of [766 2.1] "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn" and [766 2.2], from the
 * public transcription of "Mô tả công thức tính chỉ số 766.docx" (formulaDocument records 2.1, 2.2).
 * Unless a case says otherwise: received Mon 03/03/2025 08:00, promised Fri 07/03/2025 17:00.
 */
const judge = (dossier: ScorecardDossier, asOf = '2025-04-15 12:00', rules: ScorecardRules = sheetRules()) =>
  classifyOnTime(dossier, { asOf: new Date(vn(asOf)) }, rules, testCalendar);

const words = (dossier: ScorecardDossier, asOf?: string, rules?: ScorecardRules) =>
  judge(dossier, asOf, rules)?.reasons.map((reason) => describeReason(reason).vi);

describe('[766 2.1] a dossier still open', () => {
  it('counts as in time at the period end while within its promised date, and says when it must finish', () => {
    const verdict = judge(aScorecardDossier(), '2025-03-05 10:00');
    expect(verdict).toMatchObject({ category: 'inTime', met: true, provisional: true });
    expect(verdict?.span).toEqual({ first: '2025-03-03', last: null });
    expect(verdict?.watch).toEqual({
      handleBy: vn('2025-03-07 17:00'),
      reason: { code: 'finishProcessing' },
    });
  });

  it('counts as late when the period ends after its promised date ("Chưa có trạng thái hoàn thành → lấy ngày cuối kỳ")', () => {
    const verdict = judge(aScorecardDossier(), '2025-03-10 23:59');
    expect(verdict).toMatchObject({ category: 'late', met: false, provisional: true });
    expect(words(aScorecardDossier(), '2025-03-10 23:59')).toEqual([
      'trễ 1 ngày làm việc, chưa kết thúc xử lý',
    ]);
    expect(verdict?.watch).toBeUndefined();
  });
});

describe('[766 2.1] a dossier that ended', () => {
  it('is early when resolved on a day before the promised date ("xử lý trước hạn")', () => {
    const verdict = judge(aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-05 15:00']) }));
    expect(verdict).toMatchObject({ category: 'early', met: true, provisional: false, reasons: [] });
    expect(verdict?.span).toEqual({ first: '2025-03-03', last: '2025-03-05' });
  });

  it('is on time when resolved on the promised day before its hour ("NgayKetThucXuLy <= NgayHenTra")', () => {
    expect(
      judge(aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-07 16:00']) }))?.category,
    ).toBe('onTime');
  });

  it('is late by 2 working days when resolved on the Tuesday after a Friday promise', () => {
    const dossier = aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-11 09:00']) });
    expect(judge(dossier)).toMatchObject({ category: 'late', met: false });
    expect(words(dossier)).toEqual(['trễ 2 ngày làm việc']);
  });

  it('is late when resolved an hour after the promised time on the same day, unless days are compared', () => {
    const dossier = aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-07 18:00']) });
    expect(words(dossier)).toEqual(['trễ hạn dưới 1 ngày làm việc']);
    expect(judge(dossier, undefined, sheetRules({ onTime: { compareBy: 'day' } }))?.category).toBe('onTime');
  });

  it('prefers "Đã xử lý xong" over a later "Đã trả kết quả" ("ưu tiên lấy thời gian Đã xử lý xong")', () => {
    const dossier = aScorecardDossier({
      statusHistory: movedTo(['resolved', '2025-03-07 16:00'], ['returned', '2025-03-11 09:00']),
    });
    expect(judge(dossier)?.category).toBe('onTime');
  });

  it('takes the return time when the dossier was returned without "resolved"', () => {
    const late = aScorecardDossier({ statusHistory: movedTo(['returned', '2025-03-10 09:00']) });
    expect(judge(late)?.category).toBe('late');
    expect(judge(late)?.span.last).toBe('2025-03-10');
  });

  it('ends at the withdrawal of a received dossier ("Công dân yêu cầu rút hồ sơ")', () => {
    expect(
      judge(aScorecardDossier({ statusHistory: movedTo(['withdrawn', '2025-03-06 10:00']) }))?.category,
    ).toBe('early');
    expect(
      judge(aScorecardDossier({ statusHistory: movedTo(['stopped', '2025-03-12 10:00']) }))?.category,
    ).toBe('late');
  });

  it('reads the synced NgayKetThucXuLy first, or the status history when configured', () => {
    const dossier = aScorecardDossier({
      finishedAt: vn('2025-03-06 10:00'),
      statusHistory: movedTo(['resolved', '2025-03-11 09:00']),
    });
    expect(judge(dossier)?.category).toBe('early');
    expect(
      judge(dossier, undefined, sheetRules({ onTime: { endOfProcessing: 'statusHistory' } }))?.category,
    ).toBe('late');
  });

  it('counts working days around public holidays: promised 29/04, resolved 05/05 is 1 working day late', () => {
    const dossier = aScorecardDossier({
      receivedAt: vn('2025-04-25 08:00'),
      dueAt: vn('2025-04-29 17:00'),
      statusHistory: [
        { status: 'received', at: vn('2025-04-25 08:00') },
        { status: 'resolved', at: vn('2025-05-05 09:00') },
      ],
    });
    expect(words(dossier, '2025-05-31 23:59')).toEqual(['trễ 1 ngày làm việc']);
  });
});

describe('[766 2.1] intake', () => {
  it('does not count a dossier refused at intake ("chỉ tính các hồ sơ đã được tiếp nhận")', () => {
    const refused = aScorecardDossier({
      statusHistory: [
        { status: 'submitted', at: vn('2025-03-03 07:00') },
        { status: 'refused', at: vn('2025-03-03 08:00') },
      ],
      refusedAt: vn('2025-03-03 08:00'),
    });
    expect(judge(refused)).toBeUndefined();
  });

  it('does not count a dossier withdrawn before the desk received it', () => {
    const withdrawn = aScorecardDossier({
      statusHistory: [
        { status: 'submitted', at: vn('2025-03-03 07:00') },
        { status: 'withdrawn', at: vn('2025-03-03 08:00') },
      ],
    });
    expect(judge(withdrawn)).toBeUndefined();
  });
});

describe('[766 2.1] supplements', () => {
  const supplementedFiveDays = {
    supplements: [{ requestedAt: vn('2025-03-05 10:00'), receivedAt: vn('2025-03-10 10:00') }],
  };

  it('subtracts the citizen\'s supplement time ("Thời gian kết thúc xử lý − Thời gian bổ sung hồ sơ")', () => {
    // Resolved Wed 12/03 16:00 less 5 days of the citizen's time is Fri 07/03 16:00: on time.
    const dossier = aScorecardDossier({
      ...supplementedFiveDays,
      statusHistory: movedTo(['resolved', '2025-03-12 16:00']),
    });
    expect(judge(dossier)?.category).toBe('onTime');
    expect(judge({ ...dossier, supplements: [] })?.category).toBe('late');
  });

  it('can subtract whole working days instead, moving the promised date', () => {
    // Fri 07/03 16:00 → Mon 10/03 09:00 is 65 hours but 1 working day: the promise moves to Mon 17:00,
    // while 65 hours taken off Mon 16:00 lands on Fri 23:00, after the promise.
    const dossier = aScorecardDossier({
      supplements: [{ requestedAt: vn('2025-03-07 16:00'), receivedAt: vn('2025-03-10 09:00') }],
      statusHistory: movedTo(['resolved', '2025-03-10 16:00']),
    });
    const rules = sheetRules({ onTime: { supplementTime: 'workingDays' } });
    expect(judge(dossier, undefined, rules)?.category).toBe('onTime');
    expect(judge(dossier)?.category).toBe('late');
  });

  it('derives supplements from the status history when none are synced', () => {
    const dossier = aScorecardDossier({
      statusHistory: movedTo(
        ['awaiting_supplement', '2025-03-05 10:00'],
        ['processing', '2025-03-10 10:00'],
        ['resolved', '2025-03-12 16:00'],
      ),
    });
    expect(judge(dossier)?.category).toBe('onTime');
  });

  it('ends at the request while the citizen has not come back after one request ("lấy ngày cán bộ yêu cầu bổ sung")', () => {
    const waiting = aScorecardDossier({
      statusHistory: movedTo(['awaiting_supplement', '2025-03-06 10:00']),
    });
    const verdict = judge(waiting);
    expect(verdict).toMatchObject({ category: 'early', met: true, provisional: false });
    expect(verdict?.span.last).toBe('2025-03-06');
    expect(verdict?.watch).toBeUndefined();
    const askedLate = aScorecardDossier({
      statusHistory: movedTo(['awaiting_supplement', '2025-03-10 10:00']),
    });
    expect(words(askedLate)).toEqual(['trễ 1 ngày làm việc']);
  });

  it('counts a second supplement request as late, even when resolved early ("hơn 01 lần thì tính quá hạn")', () => {
    const twice = aScorecardDossier({
      supplements: [
        { requestedAt: vn('2025-03-03 10:00'), receivedAt: vn('2025-03-04 08:00') },
        { requestedAt: vn('2025-03-04 10:00'), receivedAt: vn('2025-03-05 08:00') },
      ],
      statusHistory: movedTo(['resolved', '2025-03-05 15:00']),
    });
    expect(judge(twice)).toMatchObject({ category: 'late', met: false });
    expect(words(twice)).toEqual(['yêu cầu bổ sung lần 2']);
    const narrow = sheetRules({ onTime: { repeatedSupplement: 'lateWhileAwaitingCitizen' } });
    expect(judge(twice, undefined, narrow)?.category).toBe('early');
  });

  it('counts a dossier waiting for the citizen after a second request as late under either reading', () => {
    const waitingAgain = aScorecardDossier({
      supplements: [
        { requestedAt: vn('2025-03-03 10:00'), receivedAt: vn('2025-03-04 08:00') },
        { requestedAt: vn('2025-03-04 10:00') },
      ],
      statusHistory: movedTo(['awaiting_supplement', '2025-03-04 10:00']),
    });
    const narrow = sheetRules({ onTime: { repeatedSupplement: 'lateWhileAwaitingCitizen' } });
    expect(judge(waitingAgain, undefined, narrow)?.reasons).toEqual([
      { code: 'repeatedSupplement', requests: 2 },
    ]);
  });
});

describe('[766 2.1] the promised date', () => {
  /** Resolved Wednesday 12 at 09:00, its promised date moved at `movedAt` from Friday 7 to Wednesday 12 17:00. */
  const extendedAt = (movedAt: string) =>
    aScorecardDossier({
      dueAt: vn('2025-03-12 17:00'),
      statusHistory: movedTo(['resolved', '2025-03-12 09:00']),
      dueAtHistory: [
        { dueAt: vn('2025-03-07 17:00'), at: vn('2025-03-03 08:00') },
        { dueAt: vn('2025-03-12 17:00'), at: vn(movedAt) },
      ],
    });

  it('uses the latest synced promised date after a move ("Ngày hẹn trả trong thông tin hồ sơ đồng bộ")', () => {
    expect(judge(extendedAt('2025-03-06 09:00'))?.category).toBe('onTime');
  });

  it('can ignore a move made after the end of processing', () => {
    const movedAfterwards = extendedAt('2025-03-12 10:00');
    expect(judge(movedAfterwards)?.category).toBe('onTime');
    const rules = sheetRules({ onTime: { dueDate: 'inForceAtEnd' } });
    expect(judge(movedAfterwards, undefined, rules)?.category).toBe('late');
  });

  it('falls back to the maximum processing time without a promised date ("Nếu không có ngày hẹn trả")', () => {
    // 3 working days from Mon 03/03 08:00 is Thu 06/03 08:00.
    const dossier = aScorecardDossier({
      dueAt: undefined,
      procedure: { maxProcessingTime: { value: 3, unit: 'workingDay' } },
      statusHistory: movedTo(['resolved', '2025-03-06 10:00']),
    });
    expect(judge(dossier)?.category).toBe('late');
    expect(judge({ ...dossier, statusHistory: movedTo(['resolved', '2025-03-06 07:00']) })?.category).toBe(
      'onTime',
    );
  });

  it('counts a dossier with no deadline at all as late, or leaves it out when configured', () => {
    const noDeadline = aScorecardDossier({
      dueAt: undefined,
      statusHistory: movedTo(['resolved', '2025-03-04 10:00']),
    });
    expect(words(noDeadline)).toEqual(['không có ngày hẹn trả và thời hạn giải quyết']);
    expect(
      judge(noDeadline, undefined, sheetRules({ onTime: { withoutDeadline: 'excluded' } })),
    ).toBeUndefined();
  });
});

describe('[766 2.1] the period a dossier counts in', () => {
  it('spans every day its processing overlaps ("tiếp nhận, xử lý trong kỳ"), or only its reception day', () => {
    const dossier = aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-20 10:00']) });
    expect(judge(dossier)?.span).toEqual({ first: '2025-03-03', last: '2025-03-20' });
    const byReception = sheetRules({ onTime: { population: 'receivedInPeriod' } });
    expect(judge(dossier, undefined, byReception)?.span).toEqual({ first: '2025-03-03', last: '2025-03-03' });
  });
});

describe('[766 2.2] processing time', () => {
  const measure = (dossier: ScorecardDossier) =>
    classifyProcessingTime(dossier, sheetRules(), testCalendar)?.measure;

  it('measures a resolved dossier in working days less the supplement working days', () => {
    // Mon 03/03 → Mon 10/03 is 5 working days; the supplement Wed 05/03 → Fri 07/03 takes 2.
    const dossier = aScorecardDossier({
      supplements: [{ requestedAt: vn('2025-03-05 10:00'), receivedAt: vn('2025-03-07 10:00') }],
      statusHistory: movedTo(['resolved', '2025-03-10 10:00']),
    });
    expect(measure(dossier)).toEqual({ value: 3, unit: 'workingDay' });
  });

  it('measures in the unit of the procedure (DonViTinh): hours', () => {
    const dossier = aScorecardDossier({
      procedure: { maxProcessingTime: { value: 8, unit: 'hour' } },
      supplements: [{ requestedAt: vn('2025-03-03 10:00'), receivedAt: vn('2025-03-03 12:00') }],
      statusHistory: movedTo(['resolved', '2025-03-03 16:00']),
    });
    expect(measure(dossier)).toEqual({ value: 6, unit: 'hour' });
  });

  it('leaves out dossiers still open or closed without a result ("Thuộc trạng thái: Đã xử lý xong, Đã trả kết quả")', () => {
    expect(measure(aScorecardDossier())).toBeUndefined();
    expect(measure(aScorecardDossier({ finishedAt: vn('2025-03-05 10:00') }))).toBeUndefined();
    expect(
      measure(aScorecardDossier({ statusHistory: movedTo(['stopped', '2025-03-05 10:00']) })),
    ).toBeUndefined();
  });
});
