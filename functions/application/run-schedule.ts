import type { AuditActor } from '../../contracts/admin-api';
import type { ScheduleRun, ScheduleStatus } from '../../contracts/schedules';
import { GatewayError } from '../core/gateway-error';
import type { AuditLog } from '../ports/audit-log';
import type { Clock } from '../ports/clock';
import type { ScheduleRuns } from '../ports/schedule-runs';
import { describeActor } from './audit-actor';

/** A scheduled function: its topology name and interval, and what one run does. */
export interface ScheduleDefinition {
  readonly name: string;
  readonly everySeconds: number;
  /** The scheduled handler itself; its answer is the run's report. */
  readonly run: (event?: unknown) => Promise<unknown>;
}

export interface ScheduleDependencies {
  readonly scheduleRuns: ScheduleRuns;
  readonly clock: Clock;
  readonly audit: AuditLog;
}

export type RunTrigger =
  | { readonly trigger: 'schedule' }
  | { readonly trigger: 'manual'; readonly actor: AuditActor };

function reportOf(answer: unknown): Record<string, unknown> | undefined {
  return answer && typeof answer === 'object' && !Array.isArray(answer)
    ? { ...(answer as Record<string, unknown>) }
    : undefined;
}

/**
 * Runs a schedule once and keeps the run as its last (outcome, report or error), answering the
 * run and the handler's own answer. A timer's run
 * that fails throws on after being kept, so the function fails as it would without this (its
 * error alarm, EventBridge's retry); a manual run answers the failure as its outcome and is
 * audited either way. Two runs of one schedule may overlap: each schedule's writes rest on
 * natural keys (notice ids, message ids, report days), so the second one changes nothing twice.
 */
export async function runSchedule(
  deps: ScheduleDependencies,
  schedule: ScheduleDefinition,
  how: RunTrigger,
  event?: unknown,
): Promise<{ readonly run: ScheduleRun; readonly answer: unknown }> {
  const startedAt = deps.clock.now().toISOString();
  let answer: unknown;
  let failure: unknown;
  try {
    answer = await schedule.run(event);
  } catch (error) {
    failure = error;
  }
  const report = reportOf(answer);
  const run: ScheduleRun = {
    schedule: schedule.name,
    trigger: how.trigger,
    ...(how.trigger === 'manual' ? { requestedBy: describeActor(how.actor) } : {}),
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    ...(failure === undefined
      ? { outcome: 'succeeded' as const, ...(report ? { report } : {}) }
      : { outcome: 'failed' as const, error: failure instanceof Error ? failure.message : String(failure) }),
  };
  await deps.scheduleRuns.record(run);
  if (how.trigger === 'manual') {
    await deps.audit.record({
      actor: how.actor,
      action: 'schedule.run',
      target: schedule.name,
      after: { outcome: run.outcome, ...(run.error ? { error: run.error } : {}) },
    });
  } else if (failure !== undefined) {
    throw failure;
  }
  return { run, answer };
}

/** What administrators do with schedules: see each with its last run, and run one now. */
export interface ScheduleOperations {
  list(): Promise<ScheduleStatus[]>;
  runNow(name: string, actor: AuditActor): Promise<ScheduleRun>;
}

export function createScheduleOperations(
  deps: ScheduleDependencies,
  schedules: readonly ScheduleDefinition[],
): ScheduleOperations {
  return {
    async list() {
      const last = new Map((await deps.scheduleRuns.lastRuns()).map((run) => [run.schedule, run]));
      return schedules.map(({ name, everySeconds }) => ({
        name,
        everySeconds,
        lastRun: last.get(name) ?? null,
      }));
    },
    async runNow(name, actor) {
      const schedule = schedules.find((candidate) => candidate.name === name);
      if (!schedule) {
        throw new GatewayError(
          'schedule.notFound',
          `Không có lịch chạy ${name} / No schedule named ${name}`,
          {
            fieldErrors: [
              {
                path: '$.name',
                message: `one of ${schedules.map((candidate) => candidate.name).join(', ')}`,
              },
            ],
          },
        );
      }
      return (await runSchedule(deps, schedule, { trigger: 'manual', actor })).run;
    },
  };
}
