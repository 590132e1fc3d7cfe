import * as z from 'zod';
import { type DeadlineWatchDependencies, watchDeadlines } from '../application/watch-deadlines';
import { loadAwsDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { recordScheduleRuns } from './record-schedule-runs';

/** EventBridge scheduled events carry the time they were scheduled for. */
const scheduledEventSchema = z.object({ time: z.iso.datetime({ offset: true }) });

/**
 * Scheduled: due-soon and overdue notices. The run judges deadlines at its event's `time`, so a
 * late or repeated invocation decides exactly as the scheduled one would have.
 */
export function createDeadlineWatchHandler(deps: DeadlineWatchDependencies) {
  return async (event?: unknown) => {
    const scheduled = scheduledEventSchema.safeParse(event);
    return watchDeadlines(deps, scheduled.success ? new Date(scheduled.data.time) : deps.clock.now());
  };
}

export const handler = lazyHandler(async () => {
  const deps = await loadAwsDependencies();
  return recordScheduleRuns(deps, 'deadline-watch', createDeadlineWatchHandler(deps));
});
