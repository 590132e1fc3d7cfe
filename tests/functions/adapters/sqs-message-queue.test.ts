import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QueueEnvelope } from '../../../contracts/queue-envelope';
import { createSqsMessageQueue } from '../../../functions/adapters/sqs-message-queue';

const sqsMock = mockClient(SQSClient);

const envelope = (sequence: number): QueueEnvelope => ({
  channel: 'national',
  type: 'dossier.sync',
  version: 1,
  replays: 0,
  messageId: `m-${sequence}`,
  dossierCode: '000.00.12.H12-250314-0001',
  sequence,
  idempotencyKey: `version:${sequence}`,
  traceId: 't',
});

describe('SQS message queue', () => {
  beforeEach(() => sqsMock.reset());

  it('groups by dossier and deduplicates by message id', async () => {
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'x' });
    await createSqsMessageQueue(new SQSClient({}), 'q.fifo', 'http://q').send(envelope(1));
    const input = sqsMock.commandCalls(SendMessageCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      MessageGroupId: '000.00.12.H12-250314-0001',
      MessageDeduplicationId: 'm-1.0',
    });
    expect(JSON.parse(input?.MessageBody ?? '')).toEqual(envelope(1));
  });

  it('splits a batch into chunks of ten, keeping order', async () => {
    sqsMock.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    await createSqsMessageQueue(new SQSClient({}), 'q.fifo', 'http://q').sendBatch(
      Array.from({ length: 23 }, (_, index) => envelope(index + 1)),
    );
    const chunks = sqsMock
      .commandCalls(SendMessageBatchCommand)
      .map((call) => call.args[0].input.Entries ?? []);
    expect(chunks.map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(chunks.flat().map((entry) => JSON.parse(entry.MessageBody ?? '').sequence)).toEqual(
      Array.from({ length: 23 }, (_, index) => index + 1),
    );
  });

  it('fails loudly when SQS refuses part of a batch', async () => {
    sqsMock.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false, Message: 'try again' }],
    });
    await expect(
      createSqsMessageQueue(new SQSClient({}), 'q.fifo', 'http://q').sendBatch([envelope(1)]),
    ).rejects.toThrow(/failed for 1 entries: 0: InternalError/);
  });
});
