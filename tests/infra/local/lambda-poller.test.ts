import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaPoller, type LambdaPoller } from '../../../infra/local/lambda-poller';
import { startTestEmulators, type TestEmulators } from '../../support/emulators';
import { eventually } from '../../support/test-runtime';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
let emulators: TestEmulators;
let poller: LambdaPoller | undefined;
let queueNumber = 0;

beforeAll(async () => {
  emulators = await startTestEmulators();
});
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});
afterAll(() => emulators.close());

async function queues() {
  queueNumber += 1;
  const create = async (name: string) =>
    (
      await emulators.sqs.send(
        new CreateQueueCommand({
          QueueName: `${name}-${queueNumber}.fifo`,
          Attributes: { FifoQueue: 'true', VisibilityTimeout: '1' },
        }),
      )
    ).QueueUrl ?? '';
  return { source: await create('source'), deadLetter: await create('dlq') };
}

async function send(queueUrl: string, group: string, body: string) {
  await emulators.sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      MessageGroupId: group,
      MessageDeduplicationId: `${group}-${body}`,
    }),
  );
}

function startPoller(
  urls: { source: string; deadLetter: string },
  handler: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>,
  overrides: { batchSize?: number; maxConcurrency?: number; maxReceiveCount?: number } = {},
) {
  poller = createLambdaPoller({
    sqs: emulators.sqs,
    functionName: 'test',
    queueUrl: urls.source,
    queueArn: 'arn:aws:sqs:local:000000000000:source',
    redrive: { deadLetterQueueUrl: urls.deadLetter, maxReceiveCount: overrides.maxReceiveCount ?? 5 },
    batchSize: overrides.batchSize ?? 1,
    maxConcurrency: overrides.maxConcurrency ?? 4,
    visibilityTimeoutSeconds: 1,
    timeoutSeconds: 10,
    handler,
    logger: silent,
    waitTimeSeconds: 0,
  });
  poller.start();
  return poller;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Lambda-like SQS poller', () => {
  it('keeps one batch in flight per group and the order within each group', async () => {
    const urls = await queues();
    for (const body of ['1', '2', '3']) await send(urls.source, 'A', body);
    for (const body of ['1', '2']) await send(urls.source, 'B', body);
    const events: string[] = [];
    const active = new Map<string, number>();
    let overlap = false;
    startPoller(urls, async (event) => {
      for (const record of event.Records) {
        const group = record.attributes.MessageGroupId ?? '';
        active.set(group, (active.get(group) ?? 0) + 1);
        if ((active.get(group) ?? 0) > 1) overlap = true;
        await sleep(40);
        events.push(`${group}${record.body}`);
        active.set(group, (active.get(group) ?? 1) - 1);
      }
      return { batchItemFailures: [] };
    });
    await eventually(async () => (events.length === 5 ? true : undefined));
    expect(overlap).toBe(false);
    expect(events.filter((event) => event.startsWith('A'))).toEqual(['A1', 'A2', 'A3']);
    expect(events.filter((event) => event.startsWith('B'))).toEqual(['B1', 'B2']);
  });

  it('retries a failed message before anything behind it in its group', async () => {
    const urls = await queues();
    for (const body of ['1', '2', '3']) await send(urls.source, 'A', body);
    const processed: string[] = [];
    let failedOnce = false;
    startPoller(urls, async (event) => {
      const failures = [];
      for (const record of event.Records) {
        if (record.body === '2' && !failedOnce) {
          failedOnce = true;
          failures.push({ itemIdentifier: record.messageId });
          continue;
        }
        processed.push(`${record.body}@${record.attributes.ApproximateReceiveCount}`);
      }
      return { batchItemFailures: failures };
    });
    await eventually(async () => (processed.length === 3 ? true : undefined));
    expect(processed).toEqual(['1@1', '2@2', '3@1']);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount real receives', async () => {
    const urls = await queues();
    await send(urls.source, 'P', 'poison');
    await send(urls.source, 'P', 'behind');
    const receiveCounts: string[] = [];
    const processed: string[] = [];
    const running = startPoller(
      urls,
      async (event) => {
        const failures = [];
        for (const record of event.Records) {
          if (record.body === 'poison') {
            receiveCounts.push(record.attributes.ApproximateReceiveCount);
            failures.push({ itemIdentifier: record.messageId });
          } else processed.push(record.body);
        }
        return { batchItemFailures: failures };
      },
      { maxReceiveCount: 2 },
    );
    await eventually(async () => (processed.includes('behind') ? true : undefined));
    expect(receiveCounts).toEqual(['1', '2']);
    expect(running.stats.deliveredToDlq).toBe(1);
    const dead = await emulators.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: urls.deadLetter, AttributeNames: ['All'] }),
    );
    expect(dead.Messages?.map((message) => message.Body)).toEqual(['poison']);
  });

  it('fails the whole batch when the handler throws, as Lambda does', async () => {
    const urls = await queues();
    await send(urls.source, 'T', 'a');
    await send(urls.source, 'T', 'b');
    const seen: string[] = [];
    let thrown = false;
    startPoller(
      urls,
      async (event) => {
        const bodies = event.Records.map(
          (record) => `${record.body}@${record.attributes.ApproximateReceiveCount}`,
        );
        seen.push(...bodies);
        if (!thrown) {
          thrown = true;
          throw new Error('crash');
        }
        return { batchItemFailures: [] };
      },
      { batchSize: 10 },
    );
    await eventually(async () => (seen.includes('b@1') ? true : undefined));
    expect(seen.slice(0, 2)).toEqual(['a@1', 'a@2']);
  });
});
