import { type SweepDependencies, sweepOutbox } from '../application/sweep-outbox';
import { loadAwsWorkerDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { recordScheduleRuns } from './record-schedule-runs';

export interface OutboxSweeperDependencies extends SweepDependencies {
  readonly outbox: { readonly staleAfterSeconds: number };
}

/** Scheduled: re-enqueue what was accepted but never reached the queue (or the queue lost). */
export function createOutboxSweeperHandler(deps: OutboxSweeperDependencies) {
  return async (): Promise<{ reEnqueued: number }> => ({
    reEnqueued: await sweepOutbox(deps, { staleAfterSeconds: deps.outbox.staleAfterSeconds, limit: 1000 }),
  });
}

export const handler = lazyHandler(async () => {
  const deps = await loadAwsWorkerDependencies();
  return recordScheduleRuns(deps, 'outbox-sweeper', createOutboxSweeperHandler(deps));
});
