import { describe, expect, it } from 'vitest';
import { createInMemoryAuditLog } from '../../../functions/adapters/in-memory/audit-log';
import { createManualClock } from '../../../functions/adapters/in-memory/manual-clock';
import { createInMemoryScheduleRuns } from '../../../functions/adapters/in-memory/schedule-runs';
import {
  createScheduleOperations,
  runSchedule,
  type ScheduleDefinition,
} from '../../../functions/application/run-schedule';
import { sequentialIds } from '../../support/fixtures';

const demoAdmin = { type: 'client', clientId: 'demo-admin' } as const;

function setUp() {
  const clock = createManualClock('2025-03-14T03:00:00.000Z');
  const deps = {
    clock,
    scheduleRuns: createInMemoryScheduleRuns(),
    audit: createInMemoryAuditLog({ clock, newId: sequentialIds('audit') }),
  };
  const succeeding: ScheduleDefinition = {
    name: 'deadline-watch',
    everySeconds: 900,
    run: async () => {
      clock.advance(2);
      return { dueSoon: 1, overdue: 0 };
    },
  };
  const failing: ScheduleDefinition = {
    name: 'drift-check',
    everySeconds: 3600,
    run: async () => {
      throw new Error('Cổng không trả lời');
    },
  };
  return { clock, deps, succeeding, failing };
}

describe('running a schedule', () => {
  it('keeps a timer run with its report and times, and answers what the handler answered', async () => {
    const { deps, succeeding } = setUp();

    const { run, answer } = await runSchedule(deps, succeeding, { trigger: 'schedule' });

    expect(answer).toEqual({ dueSoon: 1, overdue: 0 });
    expect(run).toEqual({
      schedule: 'deadline-watch',
      trigger: 'schedule',
      startedAt: '2025-03-14T03:00:00.000Z',
      finishedAt: '2025-03-14T03:00:02.000Z',
      outcome: 'succeeded',
      report: { dueSoon: 1, overdue: 0 },
    });
    expect(await deps.scheduleRuns.lastRuns()).toEqual([run]);
    expect(deps.audit.entries).toEqual([]);
  });

  it('keeps a failed timer run and fails on, so the function errors as it would without the record', async () => {
    const { deps, failing } = setUp();

    await expect(runSchedule(deps, failing, { trigger: 'schedule' })).rejects.toThrow('Cổng không trả lời');

    expect(await deps.scheduleRuns.lastRuns()).toEqual([
      expect.objectContaining({ schedule: 'drift-check', outcome: 'failed', error: 'Cổng không trả lời' }),
    ]);
  });

  it('answers a failed manual run as its outcome and audits who asked, either way', async () => {
    const { deps, succeeding, failing } = setUp();
    const operations = createScheduleOperations(deps, [succeeding, failing]);

    const failed = await operations.runNow('drift-check', demoAdmin);
    const succeeded = await operations.runNow('deadline-watch', demoAdmin);

    expect(failed).toMatchObject({ trigger: 'manual', requestedBy: 'demo-admin', outcome: 'failed' });
    expect(succeeded).toMatchObject({ outcome: 'succeeded', report: { dueSoon: 1, overdue: 0 } });
    expect(
      deps.audit.entries.map(({ action, target, actor, after }) => ({ action, target, actor, after })),
    ).toEqual([
      {
        action: 'schedule.run',
        target: 'drift-check',
        actor: demoAdmin,
        after: { outcome: 'failed', error: 'Cổng không trả lời' },
      },
      {
        action: 'schedule.run',
        target: 'deadline-watch',
        actor: demoAdmin,
        after: { outcome: 'succeeded' },
      },
    ]);
  });

  it('lists every schedule in its order with its last run, null before the first', async () => {
    const { deps, succeeding, failing } = setUp();
    const operations = createScheduleOperations(deps, [succeeding, failing]);
    await operations.runNow('deadline-watch', demoAdmin);

    const listed = await operations.list();

    expect(
      listed.map(({ name, everySeconds, lastRun }) => ({
        name,
        everySeconds,
        ran: lastRun?.outcome ?? null,
      })),
    ).toEqual([
      { name: 'deadline-watch', everySeconds: 900, ran: 'succeeded' },
      { name: 'drift-check', everySeconds: 3600, ran: null },
    ]);
  });

  it('refuses a name it does not know with the names it does', async () => {
    const { deps, succeeding } = setUp();

    await expect(
      createScheduleOperations(deps, [succeeding]).runNow('coffee', demoAdmin),
    ).rejects.toMatchObject({
      code: 'schedule.notFound',
      fieldErrors: [{ path: '$.name', message: 'one of deadline-watch' }],
    });
  });
});
