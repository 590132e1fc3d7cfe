import { checkDrift, type DriftCheckDependencies } from '../application/check-drift';
import { loadAwsWorkerDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { recordScheduleRuns } from './record-schedule-runs';

/** Scheduled: compare what the national portal holds with what the gateway delivered there. */
export function createDriftCheckHandler(deps: DriftCheckDependencies) {
  return async () => {
    const { runId, sampled, checked, drifted, missingAtPortal, errors } = await checkDrift(deps);
    return { runId, sampled, checked, drifted, missingAtPortal, errors };
  };
}

export const handler = lazyHandler(async () => {
  const deps = await loadAwsWorkerDependencies();
  return recordScheduleRuns(deps, 'drift-check', createDriftCheckHandler(deps));
});
