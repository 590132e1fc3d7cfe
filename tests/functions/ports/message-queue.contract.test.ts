import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEnvelope } from '../../../contracts/queue-envelope';
import { createManualClock } from '../../../functions/adapters/in-memory/manual-clock';
import { createInMemoryMessageQueue } from '../../../functions/adapters/in-memory/message-queue';
import { createSqsMessageQueue } from '../../../functions/adapters/sqs-message-queue';
import type { MessageQueue } from '../../../functions/ports/message-queue';
import { startTestEmulators, type TestEmulators } from '../../support/emulators';
import type { Implementation } from '../../support/port-contracts';

/**
 * The MessageQueue contract (ADR 0002): the in-memory FIFO queue the use-case tests run on, and
 * the SQS adapter on a FIFO queue of the SQS emulator (local-aws-sqs). A worker's side of the
 * queue (receive, then delete once done) is each one's own, so the cases read through it.
 */
interface QueueUnderContract {
  readonly queue: MessageQueue;
  /** The next message a worker is handed, or undefined when none is; `done` deletes it. */
  receive(): Promise<{ readonly envelope: QueueEnvelope; done(): Promise<void> } | undefined>;
  /** The queue goes away (deleted, or down). */
  remove(): Promise<void>;
}

/**
 * Whether the queue itself holds back a dossier's next message while one is in flight, as SQS
 * FIFO does: local-aws-sqs does not (tests/infra/local/emulator-gaps.test.ts), the local poller
 * does it instead, so that case runs where the queue claims it.
 */
type QueueImplementation = Implementation<Promise<QueueUnderContract>> & { readonly locksGroups: boolean };

let emulators: TestEmulators;
beforeAll(async () => {
  emulators = await startTestEmulators();
});
afterAll(() => emulators.close());

let queues = 0;

const implementations: QueueImplementation[] = [
  {
    name: 'in memory',
    locksGroups: true,
    create: async () => {
      const queue = createInMemoryMessageQueue('to-national.fifo', {
        clock: createManualClock('2025-03-14T01:30:00.000Z'),
      });
      return {
        queue,
        async receive() {
          const received = queue.receive();
          return (
            received && {
              envelope: received.envelope,
              done: async () => queue.acknowledge(received.receiptHandle),
            }
          );
        },
        async remove() {
          queue.failSendsWith(new Error('the queue is gone'));
        },
      };
    },
  },
  {
    name: 'SQS (local-aws-sqs)',
    locksGroups: false,
    create: async () => {
      queues += 1;
      const name = `contract-${queues}.fifo`;
      const { sqs } = emulators;
      const created = await sqs.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: { FifoQueue: 'true', VisibilityTimeout: '30' },
        }),
      );
      const url = created.QueueUrl ?? '';
      return {
        queue: createSqsMessageQueue(sqs, name, url),
        async receive() {
          const { Messages = [] } = await sqs.send(
            // Long polling, as the poller asks: a short poll may answer empty while messages wait
            // (SQS samples some of its servers; local-aws-sqs answers when its deadline timer
            // fires before its 10 ms scan does), a long one answers as soon as one is there.
            new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }),
          );
          const [message] = Messages;
          if (!message) return undefined;
          return {
            envelope: JSON.parse(message.Body ?? '') as QueueEnvelope,
            done: async () => {
              await sqs.send(
                new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }),
              );
            },
          };
        },
        async remove() {
          await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
        },
      };
    },
  },
];

const envelope = (dossierCode: string, sequence: number, replays = 0): QueueEnvelope => ({
  channel: 'national',
  type: 'dossier.sync',
  version: 1,
  replays,
  messageId: `${dossierCode}#${sequence}`,
  dossierCode,
  sequence,
  idempotencyKey: `version:${sequence}`,
  traceId: `trace-${sequence}`,
});

/** Everything a worker is handed, one at a time, each deleted once seen. */
async function drain(subject: QueueUnderContract): Promise<QueueEnvelope[]> {
  const seen: QueueEnvelope[] = [];
  for (let received = await subject.receive(); received; received = await subject.receive()) {
    seen.push(received.envelope);
    await received.done();
  }
  return seen;
}

describe.each(implementations)('message queue contract: $name', ({ create, locksGroups }) => {
  it("hands out a dossier's messages in the order they were sent, batches of more than ten included", async () => {
    const subject = await create();
    const code = '000.00.12.H12-250314-0001';

    await subject.queue.send(envelope(code, 1));
    await subject.queue.sendBatch(Array.from({ length: 23 }, (_, index) => envelope(code, index + 2)));
    await subject.queue.send(envelope(code, 25));

    const seen = await drain(subject);
    expect(seen.map((taken) => taken.sequence)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    expect(seen[0]).toEqual(envelope(code, 1));
  });

  it('drops a copy of a message it took, and takes a replay of it as a new delivery', async () => {
    const subject = await create();
    const code = '000.00.12.H12-250314-0002';

    await subject.queue.send(envelope(code, 1));
    await subject.queue.send(envelope(code, 1));
    await subject.queue.sendBatch([envelope(code, 1), envelope(code, 1, 1)]);

    expect((await drain(subject)).map((taken) => [taken.sequence, taken.replays])).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });

  it.runIf(locksGroups)(
    "hands out one message of a dossier at a time while other dossiers' messages flow",
    async () => {
      const subject = await create();
      const first = '000.00.12.H12-250314-0003';
      const other = '000.00.12.H12-250314-0004';
      await subject.queue.sendBatch([envelope(first, 1), envelope(first, 2), envelope(other, 1)]);

      const a1 = await subject.receive();
      const b1 = await subject.receive();
      expect([a1?.envelope.dossierCode, a1?.envelope.sequence]).toEqual([first, 1]);
      expect([b1?.envelope.dossierCode, b1?.envelope.sequence]).toEqual([other, 1]);
      expect(await subject.receive()).toBeUndefined();

      await a1?.done();
      expect((await subject.receive())?.envelope.sequence).toBe(2);
    },
  );

  it('answers a ping while the queue is there, and fails pings and sends once it is gone', async () => {
    const subject = await create();
    await expect(subject.queue.ping()).resolves.toBeUndefined();

    await subject.remove();

    await expect(subject.queue.ping()).rejects.toThrow();
    await expect(subject.queue.send(envelope('000.00.12.H12-250314-0005', 1))).rejects.toThrow();
  });
});
