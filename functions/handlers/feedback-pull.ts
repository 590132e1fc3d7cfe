import { randomUUID } from 'node:crypto';
import { pullFeedback, type ReceiveFeedbackDependencies } from '../application/receive-feedback';
import type { NationalFeedback } from '../ports/national-feedback';
import { loadAwsWorkerDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { recordScheduleRuns } from './record-schedule-runs';

/** Scheduled: pull citizens' feedback and ratings for the province's agencies (issue 23). */
export function createFeedbackPullHandler(
  deps: ReceiveFeedbackDependencies & { readonly nationalFeedback: NationalFeedback },
) {
  return () => pullFeedback(deps, `feedback-pull-${randomUUID()}`);
}

export const handler = lazyHandler(async () => {
  const deps = await loadAwsWorkerDependencies();
  return recordScheduleRuns(deps, 'feedback-pull', createFeedbackPullHandler(deps));
});
