import type { ScheduleRun } from '../../contracts/schedules';

/** The last run of every schedule, whoever started it (its timer or an administrator). */
export interface ScheduleRuns {
  /** Keeps `run` as its schedule's last run unless a later-started run is already kept. */
  record(run: ScheduleRun): Promise<void>;
  /** The last run of each schedule that has run, in no particular order. */
  lastRuns(): Promise<ScheduleRun[]>;
}
