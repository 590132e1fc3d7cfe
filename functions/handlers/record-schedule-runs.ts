import { runSchedule, type ScheduleDependencies } from '../application/run-schedule';
import { type ScheduleName, scheduleSpecNamed } from '../wiring/schedule-specs';

/**
 * A scheduled handler whose every timer run is kept as the schedule's last run (GET
 * /v1/admin/schedules); it answers, and fails, as the handler itself does.
 */
export function recordScheduleRuns(
  deps: ScheduleDependencies,
  name: ScheduleName,
  run: (event?: unknown) => Promise<unknown>,
) {
  const schedule = { ...scheduleSpecNamed(name), run };
  return async (event?: unknown) =>
    (await runSchedule(deps, schedule, { trigger: 'schedule' }, event)).answer;
}
