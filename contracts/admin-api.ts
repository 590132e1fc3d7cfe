import * as z from 'zod';
import { agencyCodeSchema, dossierCodeSchema, isoDateTimeSchema } from './codes';
import { feedbackSubjectSchema } from './feedback';
import { pageCursorSchema, pageLimitSchema, pageSchema } from './lists';

/** A parked message's ordered channel: a dossier, or citizen feedback's subject (PAKN.<id>). */
const channelKeySchema = z.union([dossierCodeSchema, feedbackSubjectSchema]);

/** The administrators' API (DESIGN.md, "Admin API under /v1/admin", scope admin). */

export const failedMessageSchema = z
  .object({
    messageId: z.string(),
    queue: z.string(),
    channel: z.enum(['national', 'province']),
    dossierCode: channelKeySchema,
    agencyCode: agencyCodeSchema,
    sequence: z.number().int(),
    kind: z.string(),
    reason: z.enum(['rejected', 'exhausted']),
    lastError: z.string(),
    attempts: z.number().int(),
    firstAttemptAt: z.string().optional(),
    lastAttemptAt: z.string().optional(),
    parkedAt: z.string(),
    status: z.enum(['parked', 'replayed', 'discarded']),
  })
  .meta({ id: 'FailedMessage' });

export const failedMessageFilterSchema = z.strictObject({
  queue: z.string().max(100).optional(),
  dossierCode: channelKeySchema.optional(),
  agencyCode: agencyCodeSchema.optional(),
  reason: z.enum(['rejected', 'exhausted']).optional(),
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
});

export const failedMessageListQuerySchema = failedMessageFilterSchema.extend({
  status: z.enum(['parked', 'replayed', 'discarded']).optional(),
  cursor: pageCursorSchema,
  limit: pageLimitSchema,
});

export const failedMessagePageSchema = pageSchema(failedMessageSchema, 'FailedMessagePage');

export const attemptSchema = z.object({
  at: z.string(),
  outcome: z.string(),
  latencyMs: z.number(),
  detail: z.string(),
});

export const failedMessageDetailSchema = z
  .object({
    failed: failedMessageSchema,
    payload: z.unknown(),
    originalPayload: z.unknown().optional(),
    traceId: z.string().optional(),
    idempotencyKey: z.string().optional(),
    acceptedAt: z.string().optional(),
    attempts: z.array(attemptSchema),
    personalDataMasked: z.boolean(),
  })
  .meta({ id: 'FailedMessageDetail' });

export const replayRequestSchema = z
  .strictObject({
    payload: z
      .unknown()
      .optional()
      .meta({ description: 'An edited payload; validated by its contract first' }),
  })
  .meta({ id: 'ReplayRequest' });

export const discardRequestSchema = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(3, 'Cần nêu lý do / A reason of at least 3 characters is required')
      .max(500),
  })
  .meta({ id: 'DiscardRequest' });

export const bulkReplayRequestSchema = failedMessageFilterSchema
  .extend({ dryRun: z.boolean().default(true) })
  .meta({
    id: 'BulkReplayRequest',
    description: 'dryRun defaults to true: a bulk action must be asked for twice',
  });

export const bulkReplayResultSchema = z
  .object({
    matched: z.number().int(),
    replayed: z.array(z.string()),
    failed: z.array(z.object({ messageId: z.string(), error: z.string() })),
    dryRun: z.boolean(),
  })
  .meta({ id: 'BulkReplayResult' });

export const queueOverviewSchema = z
  .object({
    queues: z.array(
      z.object({
        name: z.string(),
        channel: z.enum(['national', 'province']),
        depth: z.number().int(),
        inFlight: z.number().int(),
        deadLetterDepth: z.number().int(),
        parked: z.number().int(),
      }),
    ),
    oldestPendingAgeSeconds: z.number().nullable(),
  })
  .meta({ id: 'QueueOverview' });

/** Who acted: a person signed in through the identity provider, or an API client. */
export const auditActorSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('person'), subject: z.string(), name: z.string() }),
    z.object({ type: z.literal('client'), clientId: z.string() }),
    // A sign-in refused before anyone was identified: the address it came from.
    z.object({ type: z.literal('anonymous'), address: z.string() }),
  ])
  .meta({ id: 'AuditActor' });
export type AuditActor = z.infer<typeof auditActorSchema>;

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: auditActorSchema,
    action: z.string(),
    target: z.string(),
    reason: z.string().optional(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = pageSchema(auditEntrySchema, 'AuditPage');

export const throughputSchema = z
  .object({
    buckets: z.array(
      z.object({
        bucket: z.string(),
        channel: z.string(),
        delivered: z.number(),
        failed: z.number(),
        parked: z.number(),
      }),
    ),
  })
  .meta({ id: 'Throughput' });
