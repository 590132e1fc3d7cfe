import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DossierSubmission, StatusChange } from '../../../contracts/provincial-api';
import { createInMemoryScorecardStore } from '../../../functions/adapters/in-memory/scorecard-store';
import { readScorecard, readScorecardExplanation } from '../../../functions/application/read-scorecard';
import { createScorecardRecorder } from '../../../functions/application/record-scorecard';
import type { StoredMessage } from '../../../functions/core/dossier-message';
import { classifyDossier } from '../../../functions/core/scorecard/classify-dossier';
import { computeScorecard } from '../../../functions/core/scorecard/compute-scorecard';
import { placeVerdicts } from '../../../functions/core/scorecard/scorecard-placement';
import { aDossier, aStoredMessage } from '../../support/fixtures';
import { scorecardDossier, scorecardPeriod, scorecardRules } from '../../support/scorecard-arbitraries';
import { aSupplementRequest, sheetRules, testCalendar, vn } from '../../support/scorecard-dossiers';

const now = new Date('2025-05-15T05:00:00Z');
const clock = { now: () => now };

describe('the stored scorecard', () => {
  it('reads any period from month rows and the open list exactly as computing it from every dossier', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(scorecardDossier, { maxLength: 25, selector: (dossier) => dossier.dossierCode }),
        scorecardRules,
        scorecardPeriod,
        async (dossiers, rules, period) => {
          const scorecard = createInMemoryScorecardStore();
          for (const sheet of dossiers) {
            const verdicts = classifyDossier(sheet, { asOf: now }, rules, testCalendar);
            await scorecard.save({ sheet, sequence: 1, placement: placeVerdicts(verdicts) }, undefined);
          }
          const deps = { scorecard, scorecardRules: rules, calendar: testCalendar, clock };
          const stored = await readScorecard(deps, period);
          // Without a feedback store (issue 23) both read 5.x as N/A.
          const direct = computeScorecard(
            { dossiers },
            { period, now, feedbackReceived: false },
            rules,
            testCalendar,
          );
          expect(stored.report).toEqual(direct.report);
          expect(stored.shortfalls).toEqual(direct.shortfalls);
          expect(stored.watch).toEqual(direct.watch);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('recording at the national relay', () => {
  const scorecard = createInMemoryScorecardStore();
  const deps = { scorecard, scorecardRules: sheetRules(), calendar: testCalendar, clock };
  const recorder = createScorecardRecorder(deps);
  const record = (message: StoredMessage, next: Parameters<ReturnType<typeof recorder>>[0]) =>
    recorder(message)(next);
  const dossier: DossierSubmission = aDossier({
    status: 'received',
    channel: 'counter',
    receivedAt: vn('2025-03-03 08:00'),
    dueAt: vn('2025-03-07 17:00'),
  });
  const change = (
    eventId: string,
    status: StatusChange['status'],
    at: string,
    extra: Partial<StatusChange> = {},
  ) => ({
    kind: 'status' as const,
    change: { eventId, status, at, handledBy: { name: 'Trần Thị Bình' }, ...extra },
  });
  const message = (sequence: number) => aStoredMessage(dossier.dossierCode, sequence);

  it('folds each delivered message into the sheet: late by the working days the desk took, said in words', async () => {
    await record(message(1), { kind: 'dossier', dossier });
    await record(message(2), change('e2', 'processing', vn('2025-03-03 09:00')));
    const open = await readScorecardExplanation(deps, '2.1', { from: '2025-03-01', to: '2025-03-31' });
    // Still open in March's terms only if not finished; it is judged at the end of March: past due.
    expect(open.dossiers.map((item) => item.reasons[0]?.code)).toEqual(['openPastDue']);

    await record(message(3), change('e3', 'resolved', vn('2025-03-11 16:00')));
    // The relay redelivers message 2 after a crash: already folded, nothing moves.
    await record(message(2), change('e2', 'processing', vn('2025-03-03 09:00')));
    const explanation = await readScorecardExplanation(deps, '2.1', { from: '2025-03-01', to: '2025-03-31' });
    expect(explanation.dossiers).toEqual([
      expect.objectContaining({
        subjectCode: dossier.dossierCode,
        category: 'late',
        // Due Friday 7 March 17:00, resolved Tuesday 11 March 16:00: Monday and Tuesday.
        reasons: [{ code: 'finishedLate', vi: 'trễ 2 ngày làm việc', en: 'late by 2 working days' }],
      }),
    ]);
    expect(explanation.indicator).toMatchObject({ id: '2.1', numerator: 0, denominator: 1, rate: 0 });
    expect(
      (await scorecard.get(dossier.dossierCode))?.sheet.statusHistory.map((move) => move.status),
    ).toEqual(['received', 'processing', 'resolved']);
  });

  it('counts a second supplement request late, whatever the dates', async () => {
    const second = aDossier({
      status: 'received',
      receivedAt: vn('2025-03-03 08:00'),
      dueAt: vn('2025-03-21 17:00'),
    });
    const at = (sequence: number) => aStoredMessage(second.dossierCode, sequence);
    await record(at(1), { kind: 'dossier', dossier: second });
    /** One supplement round: requested (message `sequence`), then received (the message after it). */
    const supplementRound = async (sequence: number, id: string, requested: string, received: string) => {
      await record(
        at(sequence),
        change(`${id}-requested`, 'awaiting_supplement', requested, {
          supplement: aSupplementRequest(id, requested),
        }),
      );
      await record(
        at(sequence + 1),
        change(`${id}-received`, 'processing', received, {
          supplement: aSupplementRequest(id, requested, received),
        }),
      );
    };
    await supplementRound(2, 'b1', vn('2025-03-04 09:00'), vn('2025-03-05 09:00'));
    await supplementRound(4, 'b2', vn('2025-03-06 09:00'), vn('2025-03-07 09:00'));
    await record(at(6), change('s5', 'resolved', vn('2025-03-10 09:00')));

    const explanation = await readScorecardExplanation(deps, '2.1', { from: '2025-03-01', to: '2025-03-31' });
    const reasons = explanation.dossiers.find((item) => item.subjectCode === second.dossierCode)?.reasons;
    expect(reasons?.map((reason) => reason.vi)).toEqual(['yêu cầu bổ sung lần 2']);
  });
});
