import * as z from 'zod';
import { listSchema } from './lists';

/**
 * Schedules (issue 19, DESIGN.md "Operating the gateway"): the scheduled functions of the
 * topology, their last run and its outcome, and a run started by an administrator. Admin API
 * under /v1/admin (scope admin).
 */

export const scheduleNameSchema = z
  .string()
  .regex(/^[a-z][a-z-]{0,62}$/)
  .meta({
    description: 'A scheduled function of the topology, e.g. deadline-watch',
    example: 'deadline-watch',
  });

export const scheduleRunSchema = z
  .object({
    schedule: scheduleNameSchema,
    trigger: z.enum(['schedule', 'manual']).meta({
      description: 'schedule: started by its timer (EventBridge on AWS); manual: run now by an administrator',
    }),
    requestedBy: z.string().optional().meta({ description: 'Who asked for a manual run' }),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    outcome: z.enum(['succeeded', 'failed']),
    report: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: "The run's own report (counts of what it did), when it succeeded" }),
    error: z.string().optional().meta({ description: 'Why the run failed' }),
  })
  .meta({ id: 'ScheduleRun' });
export type ScheduleRun = z.infer<typeof scheduleRunSchema>;

export const scheduleStatusSchema = z
  .object({
    name: scheduleNameSchema,
    everySeconds: z.number().int().positive().meta({ description: 'How often its timer starts it' }),
    lastRun: scheduleRunSchema.nullable().meta({ description: 'Null until it has run once' }),
  })
  .meta({ id: 'ScheduleStatus' });
export type ScheduleStatus = z.infer<typeof scheduleStatusSchema>;

export const scheduleListSchema = listSchema(scheduleStatusSchema, 'ScheduleList');
