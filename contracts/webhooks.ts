import * as z from 'zod';
import { dossierCodeSchema, isoDateTimeSchema } from './codes';
import { dossierStatusSchema } from './dossier-status';
import { dossierSubmissionSchema } from './provincial-api';

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
  ])
  .meta({ id: 'WebhookEvent' });

export type WebhookEvent = z.infer<typeof webhookEventSchema>;
