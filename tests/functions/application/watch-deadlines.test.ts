import { describe, expect, it } from 'vitest';
import type { DeadlineNoticeData } from '../../../contracts/webhooks';
import {
  type DeadlineWatchDependencies,
  watchDeadlines,
} from '../../../functions/application/watch-deadlines';
import { atRiskIndicators } from '../../../functions/core/scorecard/at-risk';
import { topology } from '../../../infra/topology';
import { aStatusChange } from '../../support/national-fixtures';
import { aSupplementRequest, sheetRules, testCalendar } from '../../support/scorecard-dossiers';
import {
  acceptDossier,
  acceptStatusChange,
  aGatewayWorld,
  type GatewayWorld,
  relayQueue,
} from '../../support/use-case-fixtures';

/**
 * Due-soon and overdue notices to the province. The demo dossier is received on Friday
 * 2025-03-14 and promised for Monday 2025-03-17 17:00 (Vietnam); one working day warns.
 */

const depsOf = (world: GatewayWorld): DeadlineWatchDependencies => ({
  ...world,
  calendar: testCalendar,
  scorecardRules: sheetRules(),
  deadlines: topology.deadlines,
});

/** Vietnam wall-clock time. */
const vn = (wallClock: string) => new Date(`${wallClock}+07:00`);

async function aWatchedDossier(world: GatewayWorld) {
  const { dossier } = await acceptDossier(world);
  await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'processing', 10));
  await relayQueue(world, 'national');
  return dossier.dossierCode;
}

const notices = (world: GatewayWorld) =>
  world.queues.province.sent.map((envelope) => `${envelope.type} ${envelope.dossierCode}`);

describe('watching promised dates', () => {
  it('says nothing while the promised date is more than a working day away', async () => {
    const world = aGatewayWorld();
    await aWatchedDossier(world);

    const report = await watchDeadlines(depsOf(world), vn('2025-03-14T09:00:00'));

    expect(report).toEqual({ looked: 0, dueSoon: 0, overdue: 0 });
    expect(notices(world)).toEqual([]);
  });

  it('tells the province once that a dossier is due soon, with the working days left', async () => {
    const world = aGatewayWorld();
    const dossierCode = await aWatchedDossier(world);

    const first = await watchDeadlines(depsOf(world), vn('2025-03-17T08:00:00'));
    const second = await watchDeadlines(depsOf(world), vn('2025-03-17T09:00:00'));
    await relayQueue(world, 'province');

    expect([first.dueSoon, second.dueSoon]).toEqual([1, 0]);
    expect(notices(world)).toEqual([`dossier.due_soon ${dossierCode}`]);
    expect(world.webhooks.delivered[0]?.event.data).toMatchObject({
      dossierCode,
      status: 'processing',
      dueAt: '2025-03-17T17:00:00+07:00',
      workingDaysLeft: 0,
    });
  });

  it('tells it once that the date has passed, with the working days late', async () => {
    const world = aGatewayWorld();
    await aWatchedDossier(world);

    const first = await watchDeadlines(depsOf(world), vn('2025-03-19T09:00:00'));
    const second = await watchDeadlines(depsOf(world), vn('2025-03-20T09:00:00'));
    await relayQueue(world, 'province');

    expect([first.overdue, second.overdue]).toEqual([1, 0]);
    expect(world.webhooks.delivered.map(({ event }) => event.data)).toEqual([
      expect.objectContaining({ workingDaysLate: 2 }),
    ]);
  });

  it('sends one notice when two runs overlap', async () => {
    const world = aGatewayWorld();
    await aWatchedDossier(world);

    const reports = await Promise.all([
      watchDeadlines(depsOf(world), vn('2025-03-19T09:00:00')),
      watchDeadlines(depsOf(world), vn('2025-03-19T09:00:00')),
    ]);

    expect(reports.reduce((sum, report) => sum + report.overdue, 0)).toBe(1);
    expect(notices(world)).toHaveLength(1);
  });

  it('leaves a finished dossier alone', async () => {
    const world = aGatewayWorld();
    const dossierCode = await aWatchedDossier(world);
    await acceptStatusChange(world, dossierCode, aStatusChange('e2', 'resolved', 60));
    await relayQueue(world, 'national');

    const report = await watchDeadlines(depsOf(world), vn('2025-03-19T09:00:00'));

    expect(report.looked).toBe(0);
    expect(notices(world)).toEqual([]);
  });

  it('names in the due-soon notice the QĐ 766 indicators the dossier will count against, and by when', async () => {
    const world = aGatewayWorld();
    const dossierCode = await aWatchedDossier(world);

    await watchDeadlines(depsOf(world), vn('2025-03-17T08:00:00'));
    await relayQueue(world, 'province');

    const notice = world.webhooks.delivered[0]?.event.data as DeadlineNoticeData;
    expect(notice.dossierCode).toBe(dossierCode);
    // The scorecard's own list for this dossier, judged at the same moment: one definition.
    const sheet = (await world.scorecard.get(dossierCode))?.sheet;
    if (!sheet) throw new Error('the relay kept no scorecard sheet');
    const expected = atRiskIndicators(sheet, vn('2025-03-17T08:00:00'), sheetRules(), testCalendar);
    expect(notice.scorecard?.map((item) => item.indicator)).toEqual(expected.map((item) => item.indicator));
    expect(notice.scorecard?.find((item) => item.indicator === '2.1')).toEqual({
      indicator: '2.1',
      handleBy: '2025-03-17T17:00:00+07:00',
      reason: {
        code: 'finishProcessing',
        vi: 'cần kết thúc xử lý trước 17/03/2025 17:00',
        en: 'must finish processing by 17/03/2025 17:00',
      },
    });
  });

  it('still names 2.1 in the overdue notice while the citizen’s supplement time keeps it in time', async () => {
    const world = aGatewayWorld();
    const dossierCode = await aWatchedDossier(world);
    // The citizen took a whole day to complete the dossier: 2.1 gives that day back [766 2.1].
    await acceptStatusChange(world, dossierCode, {
      ...aStatusChange('e2', 'awaiting_supplement', 20),
      at: '2025-03-14T10:00:00+07:00',
      supplement: aSupplementRequest('b1', '2025-03-14T10:00:00+07:00', '2025-03-15T10:00:00+07:00'),
    });
    await acceptStatusChange(world, dossierCode, {
      ...aStatusChange('e3', 'processing', 30),
      at: '2025-03-15T10:00:00+07:00',
    });
    await relayQueue(world, 'national');

    const report = await watchDeadlines(depsOf(world), vn('2025-03-17T17:30:00'));
    await relayQueue(world, 'province');

    expect(report.overdue).toBe(1);
    const notice = world.webhooks.delivered[0]?.event.data as DeadlineNoticeData;
    expect(notice.dueAt).toBe('2025-03-17T17:00:00+07:00');
    expect(notice.scorecard?.find((item) => item.indicator === '2.1')?.handleBy).toBe(
      '2025-03-18T17:00:00+07:00',
    );
  });
});
