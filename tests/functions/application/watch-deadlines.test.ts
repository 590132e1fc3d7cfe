import { describe, expect, it } from 'vitest';
import {
  type DeadlineWatchDependencies,
  watchDeadlines,
} from '../../../functions/application/watch-deadlines';
import { topology } from '../../../infra/topology';
import { aStatusChange } from '../../support/national-fixtures';
import { testCalendar } from '../../support/scorecard-dossiers';
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
});
