import * as z from 'zod';
import { dossierCodeSchema, isoDateTimeSchema, vndAmountSchema } from './codes';
import { dossierStatusSchema } from './dossier-status';
import {
  feedbackDeadlineNoticeDataSchema,
  feedbackReceivedDataSchema,
  ratingReceivedDataSchema,
} from './feedback';
import { dossierSubmissionSchema, feeLineSchema } from './provincial-api';
import { scorecardIndicatorIdSchema } from './scorecard';

/**
 * Events the gateway sends to provincial systems, signed per the Standard Webhooks spec
 * (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256>).
 */
export const statusChangedDataSchema = z
  .object({
    dossierCode: dossierCodeSchema,
    status: dossierStatusSchema,
    nationalStatusCode: z.number().int().min(1).max(10),
    at: isoDateTimeSchema,
    handledBy: z.object({
      name: z.string(),
      title: z.string().optional(),
      department: z.string().optional(),
    }),
    note: z.string().optional(),
    dueAt: isoDateTimeSchema.optional().meta({ description: 'New promised date, when the step moves it' }),
  })
  .meta({ id: 'DossierStatusChangedData' });

/** A payment that reached an outcome: paid (`payment.succeeded`), failed or expired (`payment.failed`). */
export const paymentEventDataSchema = z
  .object({
    paymentId: z.string(),
    dossierCode: dossierCodeSchema,
    reference: z.string().meta({ description: 'MaThamChieu of the payment on the platform' }),
    amount: vndAmountSchema,
    state: z.enum(['paid', 'failed', 'expired']),
    lines: z.array(feeLineSchema),
    platformTransactionId: z.string().optional(),
    bankCode: z.string().optional(),
    failureCode: z.string().optional().meta({ description: 'The platform’s MaLoi of a failed payment' }),
    at: isoDateTimeSchema.meta({ description: 'When the platform settled it (or when it expired)' }),
  })
  .meta({ id: 'PaymentEventData' });

export type PaymentEventData = z.infer<typeof paymentEventDataSchema>;

/**
 * A dossier whose promised date (NgayHenTra) is near (`dossier.due_soon`) or past while it is
 * unfinished (`dossier.overdue`: the agency owes the citizen a written apology). Sent once per
 * dossier, notice and promised date; a new promised date starts its own notices.
 */
export const deadlineNoticeDataSchema = z
  .object({
    dossierCode: dossierCodeSchema,
    agencyCode: z.string(),
    procedureCode: z.string().optional(),
    status: dossierStatusSchema,
    nationalStatusCode: z.number().int().min(1).max(10),
    dueAt: isoDateTimeSchema.meta({ description: 'The promised date in force (NgayHenTra), Vietnam time' }),
    workingDaysLeft: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'due_soon: working days from the check to the promised date' }),
    workingDaysLate: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'overdue: working days from the promised date to the check' }),
    scorecard: z
      .array(
        z.object({
          indicator: scorecardIndicatorIdSchema,
          handleBy: isoDateTimeSchema.meta({ description: 'Vietnam time' }),
          reason: z.object({ code: z.string(), vi: z.string(), en: z.string() }),
        }),
      )
      .optional()
      .meta({
        description:
          'QĐ 766 indicators the dossier will count against unless handled by handleBy (the scorecard’s own dates: for 2.1 the promised date moved by the citizen’s supplement time)',
      }),
  })
  .meta({ id: 'DeadlineNoticeData' });

export type DeadlineNoticeData = z.infer<typeof deadlineNoticeDataSchema>;

export const webhookEventSchema = z
  .discriminatedUnion('type', [
    z.object({
      id: z.string(),
      type: z.literal('dossier.submitted'),
      createdAt: z.string(),
      data: dossierSubmissionSchema,
    }),
    z.object({
      id: z.string(),
      type: z.literal('dossier.status_changed'),
      createdAt: z.string(),
      data: statusChangedDataSchema,
    }),
    z.object({
      id: z.string(),
      type: z.literal('payment.succeeded'),
      createdAt: z.string(),
      data: paymentEventDataSchema,
    }),
    z.object({
      id: z.string(),
      type: z.literal('payment.failed'),
      createdAt: z.string(),
      data: paymentEventDataSchema,
    }),
    z.object({
      id: z.string(),
      type: z.literal('dossier.due_soon'),
      createdAt: z.string(),
      data: deadlineNoticeDataSchema,
    }),
    z.object({
      id: z.string(),
      type: z.literal('dossier.overdue'),
      createdAt: z.string(),
      data: deadlineNoticeDataSchema,
    }),
    z.object({
      id: z.string(),
      type: z.literal('feedback.received'),
      createdAt: z.string(),
      data: feedbackReceivedDataSchema,
    }),
    z.object({
      id: z.string(),
      type: z.literal('rating.received'),
      createdAt: z.string(),
      data: ratingReceivedDataSchema,
    }),
    z.object({
      id: z.string(),
      type: z.literal('feedback.due_soon'),
      createdAt: z.string(),
      data: feedbackDeadlineNoticeDataSchema,
    }),
    z.object({
      id: z.string(),
      type: z.literal('feedback.overdue'),
      createdAt: z.string(),
      data: feedbackDeadlineNoticeDataSchema,
    }),
  ])
  .meta({ id: 'WebhookEvent' });

export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/**
 * A test event an administrator sends to check a system's endpoint (Standard Webhooks' `ping`):
 * signed like every event, never about a dossier, and not retried.
 */
export const webhookPingSchema = z
  .object({
    id: z.string(),
    type: z.literal('ping'),
    createdAt: z.string(),
    data: z.object({ systemId: z.string(), message: z.string() }),
  })
  .meta({ id: 'WebhookPing' });

export type WebhookPing = z.infer<typeof webhookPingSchema>;
