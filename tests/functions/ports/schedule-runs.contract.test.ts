import { describe, expect, it } from 'vitest';
import type { ScheduleRun } from '../../../contracts/schedules';
import { createDynamoDbScheduleRuns } from '../../../functions/adapters/dynamodb-schedule-runs';
import { createInMemoryScheduleRuns } from '../../../functions/adapters/in-memory/schedule-runs';
import type { ScheduleRuns } from '../../../functions/ports/schedule-runs';
import { useGatewayTable } from '../../support/dynamodb-table';
import { inMemoryAndDynamoDb } from '../../support/port-contracts';

/** The ScheduleRuns contract, in memory and on DynamoDB (dynalite). */
const table = useGatewayTable();

const implementations = inMemoryAndDynamoDb<ScheduleRuns>(
  table,
  () => createInMemoryScheduleRuns(),
  ({ documents, tableName }) => createDynamoDbScheduleRuns(documents, { tableName }),
);

const run = (
  schedule: string,
  startedAt: string,
  outcome: ScheduleRun['outcome'] = 'succeeded',
): ScheduleRun => ({
  schedule,
  trigger: 'schedule',
  startedAt,
  finishedAt: startedAt.replace(':00.000Z', ':02.000Z'),
  outcome,
  ...(outcome === 'succeeded' ? { report: { notices: 2 } } : { error: 'Cổng không trả lời' }),
});

describe.each(implementations)('schedule runs contract: $name', ({ create }) => {
  it('keeps the last-started run of each schedule', async () => {
    const runs = create();
    await runs.record(run('deadline-watch', '2025-03-14T03:00:00.000Z'));
    await runs.record(run('deadline-watch', '2025-03-14T03:15:00.000Z', 'failed'));
    await runs.record(run('drift-check', '2025-03-14T03:05:00.000Z'));

    const byName = new Map((await runs.lastRuns()).map((last) => [last.schedule, last]));
    expect(byName.get('deadline-watch')).toEqual(run('deadline-watch', '2025-03-14T03:15:00.000Z', 'failed'));
    expect(byName.get('drift-check')).toEqual(run('drift-check', '2025-03-14T03:05:00.000Z'));
    expect(byName.size).toBeGreaterThanOrEqual(2);
  });

  it('does not let a run that started earlier replace a later one when it finishes last', async () => {
    const runs = create();
    await runs.record({ ...run('payment-reconciliation', '2025-03-14T04:00:00.000Z'), trigger: 'manual' });
    await runs.record(run('payment-reconciliation', '2025-03-14T03:59:00.000Z', 'failed'));

    const kept = (await runs.lastRuns()).find((last) => last.schedule === 'payment-reconciliation');
    expect(kept).toMatchObject({
      startedAt: '2025-03-14T04:00:00.000Z',
      trigger: 'manual',
      outcome: 'succeeded',
    });
  });
});
