import * as z from 'zod';
import { dossierCodeSchema } from './codes';

/**
 * What travels on the queues. It names the stored message rather than carrying it: the
 * payload stays in DynamoDB (the source of truth), so a copy re-enqueued by the sweeper
 * after a crash is byte-for-byte the same as the first.
 */
export const queueEnvelopeSchema = z.object({
  type: z.enum(['dossier.sync', 'dossier.status']),
  version: z.literal(1),
  messageId: z.string().min(1),
  dossierCode: dossierCodeSchema,
  sequence: z.number().int().positive(),
  idempotencyKey: z.string().min(1),
  traceId: z.string().min(1),
});

export type QueueEnvelope = z.infer<typeof queueEnvelopeSchema>;
