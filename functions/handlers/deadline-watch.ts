import * as z from 'zod';
import { type DeadlineWatchDependencies, watchDeadlines } from '../application/watch-deadlines';
import { watchFeedbackDeadlines } from '../application/watch-feedback-deadlines';
import type { FeedbackStore } from '../ports/feedback-store';
import { loadAwsWorkerDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { recordScheduleRuns } from './record-schedule-runs';

/** EventBridge scheduled events carry the time they were scheduled for. */
const scheduledEventSchema = z.object({ time: z.iso.datetime({ offset: true }) });

/**
 * Scheduled: due-soon and overdue notices of dossiers and, with a feedback store, of citizens'
 * feedback (issue 23). The run judges deadlines at its event's `time`, so a late or repeated
 * invocation decides exactly as the scheduled one would have.
 */
export function createDeadlineWatchHandler(
  deps: DeadlineWatchDependencies & { readonly feedback?: FeedbackStore },
) {
  return async (event?: unknown) => {
    const scheduled = scheduledEventSchema.safeParse(event);
    const now = scheduled.success ? new Date(scheduled.data.time) : deps.clock.now();
    const dossiers = await watchDeadlines(deps, now);
    const { feedback } = deps;
    return feedback
      ? { ...dossiers, feedback: await watchFeedbackDeadlines({ ...deps, feedback }, now) }
      : dossiers;
  };
}

export const handler = lazyHandler(async () => {
  const deps = await loadAwsWorkerDependencies();
  return recordScheduleRuns(deps, 'deadline-watch', createDeadlineWatchHandler(deps));
});
