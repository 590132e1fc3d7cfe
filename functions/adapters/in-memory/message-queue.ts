import { type QueueEnvelope, queueDeduplicationId } from '../../../contracts/queue-envelope';
import type { Clock } from '../../ports/clock';
import type { MessageQueue } from '../../ports/message-queue';

/** SQS FIFO drops a message whose deduplication id it saw within the last five minutes. */
const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

export interface ReceivedEnvelope {
  readonly envelope: QueueEnvelope;
  readonly receiptHandle: string;
}

export interface InMemoryMessageQueue extends MessageQueue {
  /** Every envelope the queue took, in the order it took them (dropped copies are not in it). */
  readonly sent: readonly QueueEnvelope[];
  /** Backoffs asked for with `delay`, in order. */
  readonly delays: readonly { readonly receiptHandle: string; readonly seconds: number }[];
  /** Messages waiting to be received, and received but not yet deleted. */
  depth(): { readonly visible: number; readonly inFlight: number };
  /**
   * The next message in FIFO order: the oldest waiting one of a group with nothing in flight,
   * so one dossier's messages are received one at a time, in order, as SQS FIFO hands them out.
   */
  receive(): ReceivedEnvelope | undefined;
  /** Deletes a received message (its processing succeeded). */
  acknowledge(receiptHandle: string): void;
  /** A received message goes back to its group's head (its processing failed). */
  release(receiptHandle: string): void;
  /** Until called again with undefined, every send fails with this error (the queue is down). */
  failSendsWith(error: Error | undefined): void;
}

/**
 * A FIFO queue in memory with SQS FIFO's rules that the gateway relies on: one group per dossier
 * (the envelope's dossier code), order within a group, one message of a group in flight at a
 * time, and copies of a deduplication id (`messageId.replays`) dropped within five minutes.
 */
export function createInMemoryMessageQueue(name: string, options: { clock: Clock }): InMemoryMessageQueue {
  const sent: QueueEnvelope[] = [];
  const delays: { receiptHandle: string; seconds: number }[] = [];
  const waiting: QueueEnvelope[] = [];
  const inFlight = new Map<string, QueueEnvelope>();
  const seen = new Map<string, number>();
  let failure: Error | undefined;
  let receipts = 0;

  const take = (envelope: QueueEnvelope) => {
    const now = options.clock.now().getTime();
    const deduplicationId = queueDeduplicationId(envelope);
    const seenAt = seen.get(deduplicationId);
    if (seenAt !== undefined && now - seenAt < DEDUPLICATION_WINDOW_MS) return;
    seen.set(deduplicationId, now);
    sent.push(envelope);
    waiting.push(envelope);
  };
  const check = () => {
    if (failure) throw failure;
  };

  return {
    name,
    sent,
    delays,
    async send(envelope) {
      check();
      take(envelope);
    },
    async sendBatch(envelopes) {
      check();
      for (const envelope of envelopes) take(envelope);
    },
    async delay(receiptHandle, seconds) {
      delays.push({ receiptHandle, seconds });
    },
    async ping() {
      check();
    },
    depth: () => ({ visible: waiting.length, inFlight: inFlight.size }),
    receive() {
      const busy = new Set([...inFlight.values()].map((envelope) => envelope.dossierCode));
      const index = waiting.findIndex((envelope) => !busy.has(envelope.dossierCode));
      if (index < 0) return undefined;
      const [envelope] = waiting.splice(index, 1) as [QueueEnvelope];
      receipts += 1;
      const receiptHandle = `${name}#${receipts}`;
      inFlight.set(receiptHandle, envelope);
      return { envelope, receiptHandle };
    },
    acknowledge(receiptHandle) {
      inFlight.delete(receiptHandle);
    },
    release(receiptHandle) {
      const envelope = inFlight.get(receiptHandle);
      if (!envelope) return;
      inFlight.delete(receiptHandle);
      const groupHead = waiting.findIndex((other) => other.dossierCode === envelope.dossierCode);
      waiting.splice(groupHead < 0 ? waiting.length : groupHead, 0, envelope);
    },
    failSendsWith(error) {
      failure = error;
    },
  };
}
