import { TransactWriteItemsCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localName, provisionTables } from '../../../infra/local/provision';
import { startTestEmulators, type TestEmulators } from '../../support/emulators';

/**
 * The known gaps of the local emulators, pinned so that the design choices they force are
 * revisited the day a gap closes (an upgrade that fixes one turns its test red).
 */
let emulators: TestEmulators;
beforeAll(async () => {
  emulators = await startTestEmulators();
  await provisionTables(emulators.dynamodb, 'gaps');
});
afterAll(() => emulators.close());

describe('dynalite gaps', () => {
  it('has no TransactWriteItems, so acceptance uses single-item conditional writes', async () => {
    await expect(
      emulators.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: localName('gaps', 'gateway'), Item: { pk: { S: 'a' }, sk: { S: 'b' } } } },
          ],
        }),
      ),
    ).rejects.toThrow();
  });

  it('has no TTL, so expiry is only checked in the CDK stack', async () => {
    await expect(
      emulators.dynamodb.send(
        new UpdateTimeToLiveCommand({
          TableName: localName('gaps', 'gateway'),
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        }),
      ),
    ).rejects.toThrow();
  });
});

describe('local-aws-sqs gaps', () => {
  /** A new FIFO queue holding `bodies` in order in one message group, each deduplicated by its body. */
  async function fifoQueueHolding(name: string, bodies: readonly string[], group: string) {
    const created = await emulators.sqs.send(
      new CreateQueueCommand({
        QueueName: `${name}.fifo`,
        Attributes: { FifoQueue: 'true', VisibilityTimeout: '30' },
      }),
    );
    const queueUrl = created.QueueUrl ?? '';
    for (const body of bodies) {
      await emulators.sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          MessageGroupId: group,
          MessageDeduplicationId: body,
        }),
      );
    }
    return queueUrl;
  }

  it('does not lock a FIFO group while one of its messages is in flight, so the poller does', async () => {
    const queueUrl = await fifoQueueHolding('unlocked', ['first', 'second'], 'g');
    const first = await emulators.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1 }),
    );
    const second = await emulators.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1 }),
    );
    expect(first.Messages?.[0]?.Body).toBe('first');
    // Real SQS FIFO would return nothing here until "first" is deleted or becomes visible.
    expect(second.Messages?.[0]?.Body).toBe('second');
  });

  it('counts a visibility change as a receive, so the poller keeps its own receive count', async () => {
    const queueUrl = await fifoQueueHolding('counts', ['x'], 'g');
    const receive = () =>
      emulators.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, AttributeNames: ['All'], WaitTimeSeconds: 0 }),
      );
    const first = (await receive()).Messages?.[0];
    await emulators.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: first?.ReceiptHandle ?? '',
        VisibilityTimeout: 0,
      }),
    );
    const second = (await receive()).Messages?.[0];
    expect(first?.Attributes?.ApproximateReceiveCount).toBe('1');
    // Real SQS would say 2: two receives.
    expect(second?.Attributes?.ApproximateReceiveCount).toBe('3');
  });

  it('ignores MessageSystemAttributeNames, so the poller asks with AttributeNames', async () => {
    const queueUrl = await fifoQueueHolding('attributes', ['a', 'b'], 'g1');
    const modern = await emulators.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 1,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(modern.Messages?.[0]?.Attributes?.MessageGroupId).toBeUndefined();
    const legacy = await emulators.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, AttributeNames: ['All'] }),
    );
    expect(legacy.Messages?.[0]?.Attributes?.MessageGroupId).toBe('g1');
  });
});
