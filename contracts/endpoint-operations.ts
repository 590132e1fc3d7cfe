import * as z from 'zod';
import { agencyCodeSchema, calendarDaySchema, dossierCodeSchema } from './codes';
import { existingSystemIdSchema } from './connected-systems';
import { feedbackSubjectSchema } from './feedback';
import { pageLimitSchema } from './lists';

/**
 * Operating a connected system's webhook endpoint, and re-sending dossiers (issue 19, DESIGN.md
 * "Operating the gateway"). Admin API under /v1/admin (scope admin). A system's id in paths is
 * its OAuth client id.
 */

export const webhookTestResultSchema = z
  .object({
    status: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The HTTP status the endpoint answered; null when it could not be reached' }),
    latencyMs: z.number().int().min(0),
    outcome: z.enum(['delivered', 'failed', 'rejected']),
    error: z.string().optional().meta({ description: 'Why it was not delivered' }),
  })
  .meta({ id: 'WebhookTestResult', description: 'A failing endpoint is an answer here, not an error' });

export const webhookDeliverySchema = z
  .object({
    at: z.iso.datetime(),
    eventType: z.string().meta({ description: 'The event type; ping for a test event' }),
    messageId: z.string().meta({ description: 'The webhook-id the receiver deduplicates by' }),
    dossierCode: z.union([dossierCodeSchema, feedbackSubjectSchema]).optional().meta({
      description: 'The dossier, or for citizen feedback its subject (PAKN.<id>, DANHGIA.<dossier code>)',
    }),
    httpStatus: z.number().int().optional().meta({ description: 'Absent when no answer came back' }),
    latencyMs: z.number().int().min(0),
    attempt: z.number().int().positive().meta({ description: "This message's attempt number" }),
    outcome: z.enum(['delivered', 'failed', 'rejected']).meta({
      description: 'failed: retried later; rejected: the message was parked for an administrator',
    }),
    detail: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const endpointPauseSchema = z
  .object({ since: z.iso.datetime(), by: z.string() })
  .meta({ id: 'EndpointPause', description: 'Who paused deliveries to the system, and when' });
export type EndpointPause = z.infer<typeof endpointPauseSchema>;

export const endpointHealthSchema = z
  .object({
    failing: z.boolean().meta({
      description:
        'Every delivery attempt (test events aside) has failed for at least failingAfterMinutes: look at the endpoint',
    }),
    failingSince: z.iso.datetime().optional().meta({
      description: 'The first failed attempt after the last delivered one, when the latest attempt failed',
    }),
    failingAfterMinutes: z.number().int().positive(),
  })
  .meta({ id: 'EndpointHealth' });
export type EndpointHealth = z.infer<typeof endpointHealthSchema>;

export const endpointStatusSchema = z
  .object({
    systemId: existingSystemIdSchema,
    webhookUrl: z.string(),
    paused: endpointPauseSchema.nullable(),
    health: endpointHealthSchema,
  })
  .meta({ id: 'EndpointStatus' });
export type EndpointStatus = z.infer<typeof endpointStatusSchema>;

export const deliveryLogQuerySchema = z.strictObject({ limit: pageLimitSchema });

export const deliveryLogSchema = endpointStatusSchema
  .extend({ items: z.array(webhookDeliverySchema).meta({ description: 'Newest first' }) })
  .meta({ id: 'DeliveryLog' });

/**
 * The most dossiers one re-sync sends: it runs within the request (each dossier a few reads,
 * one conditional write and one enqueue), well inside the API's 10 s budget. A larger choice
 * is refused whole, so nothing is half-sent; a dry run counts up to RESYNC_COUNT_LIMIT.
 */
export const RESYNC_LIMIT = 100;
export const RESYNC_COUNT_LIMIT = 5000;

export const resyncRequestSchema = z
  .strictObject({
    dossierCodes: z.array(dossierCodeSchema).min(1).max(RESYNC_LIMIT).optional(),
    agencyCode: agencyCodeSchema.optional(),
    receivedFrom: calendarDaySchema
      .optional()
      .meta({ description: 'First reception day (Vietnam), included' }),
    receivedTo: calendarDaySchema.optional().meta({ description: 'Last reception day (Vietnam), included' }),
    dryRun: z.boolean().default(false),
  })
  .superRefine((request, context) => {
    const byRange = request.receivedFrom !== undefined || request.receivedTo !== undefined;
    if (!request.dossierCodes && !byRange) {
      context.addIssue({
        code: 'custom',
        path: ['dossierCodes'],
        message:
          'Cần mã hồ sơ hoặc khoảng ngày tiếp nhận / Name dossierCodes, or a reception range (receivedFrom and receivedTo)',
      });
    }
    if (request.dossierCodes && byRange) {
      context.addIssue({
        code: 'custom',
        path: ['receivedFrom'],
        message:
          'Chọn mã hồ sơ hoặc khoảng ngày, không cả hai / Either dossierCodes or a reception range, not both',
      });
    }
    if (byRange && (request.receivedFrom === undefined || request.receivedTo === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [request.receivedFrom === undefined ? 'receivedFrom' : 'receivedTo'],
        message: 'Cần cả hai đầu của khoảng ngày / A reception range needs both receivedFrom and receivedTo',
      });
    }
    if (request.receivedFrom && request.receivedTo && request.receivedFrom > request.receivedTo) {
      context.addIssue({
        code: 'custom',
        path: ['receivedTo'],
        message: 'Ngày cuối trước ngày đầu / receivedTo is before receivedFrom',
      });
    }
  })
  .meta({
    id: 'ResyncRequest',
    description:
      'Which dossiers to send again: dossierCodes, or a reception-day range (the day in the dossier code), optionally of one agency',
  });
export type ResyncRequest = z.infer<typeof resyncRequestSchema>;

export const resyncResultSchema = z
  .object({
    dryRun: z.boolean(),
    matched: z.number().int().meta({ description: 'Dossiers chosen' }),
    countCapped: z.boolean().meta({
      description: `The count stopped at ${RESYNC_COUNT_LIMIT}: at least that many match`,
    }),
    limit: z
      .number()
      .int()
      .meta({ description: 'The most dossiers one request sends; narrow a larger choice' }),
    sample: z.array(dossierCodeSchema).meta({ description: 'The first few chosen dossier codes' }),
    sent: z.array(
      z.object({ dossierCode: dossierCodeSchema, messageId: z.string(), sequence: z.number().int() }),
    ),
    failed: z.array(z.object({ dossierCode: dossierCodeSchema, error: z.string() })),
  })
  .meta({ id: 'ResyncResult' });
export type ResyncResult = z.infer<typeof resyncResultSchema>;
