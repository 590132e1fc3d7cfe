import { describe, expect, it } from 'vitest';
import type { FeedbackReceivedData } from '../../../contracts/feedback';
import { createInMemoryFeedbackStore } from '../../../functions/adapters/in-memory/feedback-store';
import { createInMemoryScorecardStore } from '../../../functions/adapters/in-memory/scorecard-store';
import { readScorecard } from '../../../functions/application/read-scorecard';
import { watchFeedbackDeadlines } from '../../../functions/application/watch-feedback-deadlines';
import {
  applyFeedbackStep,
  type FeedbackRecord,
  newFeedbackRecord,
} from '../../../functions/core/feedback-item';
import { classifyDossier } from '../../../functions/core/scorecard/classify-dossier';
import { placeVerdicts } from '../../../functions/core/scorecard/scorecard-placement';
import { aScorecardDossier, movedTo, sheetRules, testCalendar, vn } from '../../support/scorecard-dossiers';
import { aGatewayWorld, H12 } from '../../support/use-case-fixtures';

const item = (feedbackId: string, sentAt: string, dossierCode?: string): FeedbackReceivedData => ({
  feedbackId,
  agencyCode: H12,
  content: 'Phản ánh về việc giải quyết hồ sơ.',
  citizen: { name: 'Lê Văn Cường' },
  sentAt,
  ...(dossierCode ? { dossierCode } : {}),
});

const step = (record: FeedbackRecord, state: 'received' | 'answered' | 'published', at: string) =>
  applyFeedbackStep(record, { state, at }, at);

describe('feedback deadlines [766 5.2: answer within 15 working days, publish within 2]', () => {
  async function aWatch(records: FeedbackRecord[]) {
    const world = aGatewayWorld();
    const feedback = createInMemoryFeedbackStore();
    for (const record of records) await feedback.addFeedback(record);
    const deps = {
      ...world,
      feedback,
      calendar: testCalendar,
      deadlines: { dueSoonWorkingDays: 2, watchLimit: 100 },
    };
    return { world, run: (at: string) => watchFeedbackDeadlines(deps, new Date(at)) };
  }

  it('warns once when the answer is due within the window, and once more when it is overdue', async () => {
    // Sent Friday 14 March 2025: the answer is due Friday 4 April (15 working days).
    const { world, run } = await aWatch([newFeedbackRecord(item('f1', vn('2025-03-14 09:00')), 'now')]);

    expect(await run(vn('2025-03-28 09:00'))).toEqual({ looked: 1, dueSoon: 0, overdue: 0 });
    expect(await run(vn('2025-04-02 09:00'))).toEqual({ looked: 1, dueSoon: 1, overdue: 0 });
    expect(await run(vn('2025-04-03 09:00'))).toEqual({ looked: 1, dueSoon: 0, overdue: 0 });
    expect(await run(vn('2025-04-08 09:00'))).toEqual({ looked: 1, dueSoon: 0, overdue: 1 });
    expect(await run(vn('2025-04-09 09:00'))).toEqual({ looked: 1, dueSoon: 0, overdue: 0 });

    const sent = world.queues.province.sent.map((envelope) => `${envelope.type} ${envelope.dossierCode}`);
    expect(sent).toEqual(['feedback.due_soon PAKN.f1', 'feedback.overdue PAKN.f1']);
  });

  it('watches the publication once answered, and nothing once published', async () => {
    const sent = newFeedbackRecord(item('f2', vn('2025-03-14 09:00')), 'now');
    const answered = step(step(sent, 'received', vn('2025-03-14 10:00')), 'answered', vn('2025-03-17 10:00'));
    const published = step(
      step(
        step(
          newFeedbackRecord(item('f3', vn('2025-03-14 09:00')), 'now'),
          'received',
          vn('2025-03-14 10:00'),
        ),
        'answered',
        vn('2025-03-17 10:00'),
      ),
      'published',
      vn('2025-03-18 10:00'),
    );
    const { world, run } = await aWatch([answered, published]);

    // Answered Monday 17 March: to publish by Wednesday 19 March.
    expect(await run(vn('2025-03-20 09:00'))).toMatchObject({ looked: 1, overdue: 1 });
    const notice = await world.store.getMessage('province', 'PAKN.f2', 1);
    expect(notice?.payload).toMatchObject({
      step: 'publish',
      state: 'answered',
      dueAt: '2025-03-19T10:00:00+07:00',
    });
  });
});

describe('the scorecard’s group 5 from the feedback the portal sent', () => {
  const now = new Date('2025-05-15T05:00:00Z');
  const period = { from: '2025-03-01', to: '2025-03-31' };

  it('counts 5.2 on time, 5.3 satisfaction, 5.4 dislikes and complaints on dossiers; 5.1 N/A without a classification', async () => {
    const scorecard = createInMemoryScorecardStore();
    const feedback = createInMemoryFeedbackStore();
    // Two dossiers finished on time; the citizen of one disliked its handling.
    for (const serial of ['0001', '0002']) {
      const sheet = aScorecardDossier({
        dossierCode: `${H12}-250303-${serial}`,
        statusHistory: movedTo(['resolved', '2025-03-05 10:00']),
      });
      const verdicts = classifyDossier(sheet, { asOf: now }, sheetRules(), testCalendar);
      await scorecard.save({ sheet, sequence: 1, placement: placeVerdicts(verdicts) }, undefined);
    }
    await feedback.addRating({
      ratingId: 'r1',
      agencyCode: H12,
      dossierCode: `${H12}-250303-0002`,
      verdict: 'dislike',
      ratedAt: vn('2025-03-10 09:00'),
    });
    // Answered and published in time; answered late; refused in time.
    const onTime = step(
      step(
        step(newFeedbackRecord(item('f1', vn('2025-03-03 09:00')), 'x'), 'received', vn('2025-03-03 10:00')),
        'answered',
        vn('2025-03-10 10:00'),
      ),
      'published',
      vn('2025-03-11 10:00'),
    );
    const late = step(
      step(newFeedbackRecord(item('f2', vn('2025-03-03 09:00')), 'x'), 'received', vn('2025-03-04 10:00')),
      'answered',
      vn('2025-03-28 10:00'),
    );
    const refused = applyFeedbackStep(
      newFeedbackRecord(item('f3', vn('2025-03-03 09:00')), 'x'),
      { state: 'refused', at: vn('2025-03-04 09:00') },
      'x',
    );
    for (const record of [onTime, late, refused]) await feedback.addFeedback(record);

    const deps = {
      scorecard,
      scorecardRules: sheetRules(),
      calendar: testCalendar,
      clock: { now: () => now },
    };
    const withFeedback = await readScorecard({ ...deps, feedback }, period);
    const without = await readScorecard(deps, period);
    const indicator = (report: typeof withFeedback, id: string) =>
      report.report.indicators.find((candidate) => candidate.id === id);

    expect(indicator(withFeedback, '5.2')).toMatchObject({ numerator: 2, denominator: 3, rate: 66.67 });
    // 5.3 counts items received in the period: the on-time answer satisfies, the late one does not.
    expect(indicator(withFeedback, '5.3')).toMatchObject({ numerator: 1, denominator: 2, rate: 50 });
    expect(indicator(withFeedback, '5.4')).toMatchObject({
      numerator: 1,
      denominator: 2,
      rate: 50,
      fullMarksAt: 90,
    });
    expect(indicator(withFeedback, '5.1')).toMatchObject({
      rate: null,
      note: { en: expect.stringContaining('classification') },
    });
    expect(
      withFeedback.shortfalls
        .filter((shortfall) => shortfall.indicator === '5.4')
        .map((shortfall) => shortfall.subjectCode),
    ).toEqual([`${H12}-250303-0002`]);
    expect(indicator(without, '5.4')).toMatchObject({ rate: null });
  });
});
