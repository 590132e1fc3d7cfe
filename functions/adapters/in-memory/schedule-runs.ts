import type { ScheduleRun } from '../../../contracts/schedules';
import type { ScheduleRuns } from '../../ports/schedule-runs';

export function createInMemoryScheduleRuns(): ScheduleRuns {
  const last = new Map<string, ScheduleRun>();
  return {
    async record(run) {
      const kept = last.get(run.schedule);
      if (!kept || kept.startedAt <= run.startedAt) last.set(run.schedule, structuredClone(run));
    },
    async lastRuns() {
      return [...last.values()].map((run) => structuredClone(run));
    },
  };
}
