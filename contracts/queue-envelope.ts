import * as z from 'zod';
import { dossierCodeSchema } from './codes';
import { feedbackSubjectSchema } from './feedback';

/**
 * What travels on the queues. It names the stored message rather than carrying it: the
 * payload stays in DynamoDB (the source of truth), so a copy re-enqueued by the sweeper
 * after a crash is byte-for-byte the same as the first.
 */
export const queueEnvelopeSchema = z.object({
  channel: z.enum(['national', 'province']),
  type: z.enum([
    'dossier.sync',
    'dossier.status',
    'dossier.submitted',
    'dossier.status_changed',
    'payment.progress',
    'payment.succeeded',
    'payment.failed',
    'dossier.due_soon',
    'dossier.overdue',
    'dossier.resync',
    'feedback.received',
    'rating.received',
    'feedback.reply',
    'feedback.due_soon',
    'feedback.overdue',
  ]),
  version: z.literal(1),
  messageId: z.string().min(1),
  /** The ordered channel's key: a dossier code, or a feedback subject (`PAKN.<id>`, issue 23). */
  dossierCode: z.union([dossierCodeSchema, feedbackSubjectSchema]),
  sequence: z.number().int().positive(),
  idempotencyKey: z.string().min(1),
  traceId: z.string().min(1),
  /** Admin replays so far: a replay is a new delivery as far as queue deduplication goes. */
  replays: z.number().int().min(0),
  /**
   * Re-enqueued from the store after a crash or a lost send: an earlier attempt may have
   * reached the receiver, so the relay looks there before sending again.
   */
  recovered: z.boolean().optional(),
  /**
   * When a parked predecessor was replayed or discarded and this held message let go, or when a
   * message to a paused system went round the queue again: a new delivery as far as queue
   * deduplication goes, like a replay (its first send may be less than five minutes old).
   */
  releasedAt: z.iso.datetime().optional(),
});

export type QueueEnvelope = z.infer<typeof queueEnvelopeSchema>;

/**
 * SQS FIFO's MessageDeduplicationId of an envelope: stable across re-enqueues of one delivery,
 * so SQS drops a copy sent within its five-minute window; a replay or a release is a new
 * delivery and gets a new id.
 */
export function queueDeduplicationId(envelope: QueueEnvelope): string {
  const base = `${envelope.messageId}.${envelope.replays}`;
  return envelope.releasedAt ? `${base}.released.${envelope.releasedAt}` : base;
}
