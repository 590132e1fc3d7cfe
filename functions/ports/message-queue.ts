import type { QueueEnvelope } from '../../contracts/queue-envelope';

/** A FIFO queue toward one receiver; the group is the dossier code. */
export interface MessageQueue {
  readonly name: string;
  send(envelope: QueueEnvelope): Promise<void>;
  sendBatch(envelopes: readonly QueueEnvelope[]): Promise<void>;
  /** Hides a received message for a while: how a retry is scheduled with backoff. */
  delay(receiptHandle: string, seconds: number): Promise<void>;
  ping(): Promise<void>;
}
