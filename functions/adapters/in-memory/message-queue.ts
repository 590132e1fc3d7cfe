import type { QueueEnvelope } from '../../../contracts/queue-envelope';
import type { MessageQueue } from '../../ports/message-queue';

export interface InMemoryMessageQueue extends MessageQueue {
  /** Every envelope sent, in order (what a FIFO queue would have received). */
  readonly sent: QueueEnvelope[];
  /** Receipts a worker hid for a while, with how long: the backoff it chose. */
  readonly delays: { readonly receiptHandle: string; readonly seconds: number }[];
  /** Sent and not yet taken by `take()`: the queue's visible depth. */
  readonly waiting: QueueEnvelope[];
  /** Takes every waiting envelope, as a worker's receive would. */
  take(): QueueEnvelope[];
  /** While set, sending fails with this error (an SQS outage). */
  outage: Error | undefined;
}

/** A FIFO queue in memory: keeps what was sent, drops a repeat of a deduplication id it holds. */
export function createInMemoryMessageQueue(name: string): InMemoryMessageQueue {
  const queue: InMemoryMessageQueue = {
    name,
    sent: [],
    delays: [],
    waiting: [],
    outage: undefined,
    take() {
      return queue.waiting.splice(0, queue.waiting.length);
    },
    async send(envelope) {
      await queue.sendBatch([envelope]);
    },
    async sendBatch(envelopes) {
      if (queue.outage) throw queue.outage;
      for (const envelope of envelopes) {
        queue.sent.push(envelope);
        // SQS FIFO drops a message whose deduplication id (message id and replays) it still holds.
        const repeat = queue.waiting.some(
          (held) => held.messageId === envelope.messageId && held.replays === envelope.replays,
        );
        if (!repeat) queue.waiting.push(envelope);
      }
    },
    async delay(receiptHandle, seconds) {
      queue.delays.push({ receiptHandle, seconds });
    },
    async ping() {
      if (queue.outage) throw queue.outage;
    },
  };
  return queue;
}
