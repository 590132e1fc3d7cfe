import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Logger } from '../../functions/ports/logger';

/**
 * Feeds a queue to its handler the way the Lambda SQS event source mapping does: batches of
 * up to `batchSize`, at most `maxConcurrency` batches at once, partial batch failures via
 * `batchItemFailures`, visibility timeout, receive counts, redrive to the DLQ after
 * `maxReceiveCount`, and the FIFO rule that a message group has one batch in flight and
 * nothing overtakes a message waiting for its retry.
 *
 * local-aws-sqs does not lock FIFO groups, so this poller does: a message whose group is
 * busy or blocked is handed back unprocessed. The emulator also counts every visibility
 * change as a receive, so the poller keeps its own count of the times it gave a message to
 * the handler, presents that as ApproximateReceiveCount, and performs the redrive itself.
 */
export interface LambdaPollerOptions {
  readonly sqs: SQSClient;
  readonly functionName: string;
  readonly queueUrl: string;
  readonly queueArn: string;
  /** Absent for a dead-letter queue's own consumer: its messages stay until recorded. */
  readonly redrive?: { readonly deadLetterQueueUrl: string; readonly maxReceiveCount: number };
  readonly batchSize: number;
  readonly maxConcurrency: number;
  readonly visibilityTimeoutSeconds: number;
  readonly timeoutSeconds: number;
  readonly handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;
  readonly logger: Logger;
  /** Long-poll wait; short keeps shutdown quick. */
  readonly waitTimeSeconds?: number;
}

export interface LambdaPoller {
  start(): void;
  /** Stops receiving and waits (bounded) for in-flight batches; unfinished messages stay queued. */
  stop(): Promise<void>;
  readonly stats: { invocations: number; deliveredToDlq: number };
}

/** How long a handed-back message stays hidden, so it does not crowd the head of the queue. */
const HAND_BACK_SECONDS = 1;
const STOP_GRACE_MS = 15_000;

/** A batch call's entries: each message by its receipt handle, numbered within the batch. */
const batchEntries = (messages: readonly Message[]) =>
  messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? '' }));

export function createLambdaPoller(options: LambdaPollerOptions): LambdaPoller {
  const { sqs, queueUrl } = options;
  const inFlight = new Set<Promise<void>>();
  const busyGroups = new Set<string>();
  /**
   * group -> messages seen and not yet deleted, by FIFO sequence number. Only the lowest may
   * run: that is how a retried message keeps its place at the head of its group.
   */
  const unfinished = new Map<string, Map<string, bigint>>();
  /** Times each message went to the handler; the emulator's own count is inflated. */
  const receives = new Map<string, number>();
  const stats = { invocations: 0, deliveredToDlq: 0 };
  let running = false;
  let loop: Promise<void> | undefined;
  let stopRequested: AbortController | undefined;

  const groupOf = (message: Message) => message.Attributes?.MessageGroupId ?? '';
  const receivesOf = (message: Message) => receives.get(message.MessageId ?? '') ?? 0;

  function remember(message: Message) {
    const group = groupOf(message);
    const messages = unfinished.get(group) ?? new Map<string, bigint>();
    messages.set(message.MessageId ?? '', BigInt(message.Attributes?.SequenceNumber ?? '0'));
    unfinished.set(group, messages);
  }

  function isHeadOfGroup(message: Message): boolean {
    const own = BigInt(message.Attributes?.SequenceNumber ?? '0');
    for (const sequence of unfinished.get(groupOf(message))?.values() ?? []) if (sequence < own) return false;
    return true;
  }

  function forget(message: Message) {
    receives.delete(message.MessageId ?? '');
    const messages = unfinished.get(groupOf(message));
    messages?.delete(message.MessageId ?? '');
    if (messages?.size === 0) unfinished.delete(groupOf(message));
  }

  async function handBack(messages: Message[]) {
    if (messages.length === 0) return;
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: batchEntries(messages).map((entry) => ({ ...entry, VisibilityTimeout: HAND_BACK_SECONDS })),
      }),
    );
  }

  async function redrive(message: Message, deadLetterQueueUrl: string) {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MessageBody: message.Body ?? '',
        MessageGroupId: groupOf(message),
        MessageDeduplicationId: message.Attributes?.MessageDeduplicationId ?? message.MessageId,
        MessageAttributes: message.MessageAttributes,
      }),
    );
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [{ Id: '0', ReceiptHandle: message.ReceiptHandle ?? '' }],
      }),
    );
    forget(message);
    stats.deliveredToDlq += 1;
    options.logger.warn('message moved to the dead-letter queue', {
      function: options.functionName,
      messageId: message.MessageId,
      group: groupOf(message),
    });
  }

  function toRecord(message: Message): SQSRecord {
    const attributes = message.Attributes ?? {};
    return {
      messageId: message.MessageId ?? '',
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: String(receivesOf(message)),
        SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
        SenderId: attributes.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        ...(attributes.MessageGroupId ? { MessageGroupId: attributes.MessageGroupId } : {}),
        ...(attributes.MessageDeduplicationId
          ? { MessageDeduplicationId: attributes.MessageDeduplicationId }
          : {}),
        ...(attributes.SequenceNumber ? { SequenceNumber: attributes.SequenceNumber } : {}),
      },
      messageAttributes: {},
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: options.queueArn,
      awsRegion: options.queueArn.split(':')[3] ?? 'local',
    };
  }

  function contextFor(requestId: string): Context {
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: options.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${options.functionName}`,
      memoryLimitInMB: '256',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${options.functionName}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }

  async function invoke(batch: Message[]) {
    const groups = new Set(batch.map(groupOf));
    stats.invocations += 1;
    let failedIds: Set<string>;
    try {
      const event: SQSEvent = { Records: batch.map(toRecord) };
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`timed out after ${options.timeoutSeconds} s`)),
          options.timeoutSeconds * 1000,
        );
      });
      const response = await Promise.race([
        options.handler(event, contextFor(crypto.randomUUID())),
        timeout,
      ]).finally(() => clearTimeout(timer));
      failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch (error) {
      // A thrown handler (or a timeout) fails the whole batch, as on Lambda.
      options.logger.error('handler failed the whole batch', {
        function: options.functionName,
        error: (error as Error).message,
      });
      failedIds = new Set(batch.map((message) => message.MessageId ?? ''));
    }
    const succeeded = batch.filter((message) => !failedIds.has(message.MessageId ?? ''));
    if (succeeded.length > 0) {
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: batchEntries(succeeded) }));
      for (const message of succeeded) forget(message);
    }
    for (const group of groups) busyGroups.delete(group);
  }

  async function pollOnce(signal: AbortSignal) {
    const result = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: options.batchSize,
        WaitTimeSeconds: options.waitTimeSeconds ?? 1,
        VisibilityTimeout: options.visibilityTimeoutSeconds,
        // local-aws-sqs ignores MessageSystemAttributeNames; AttributeNames still works.
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: signal },
    );
    const received = result.Messages ?? [];
    const batch: Message[] = [];
    const handedBack: Message[] = [];
    const takenGroups = new Set<string>();
    const stalledGroups = new Set<string>();
    for (const message of received) {
      const group = groupOf(message);
      remember(message);
      if (busyGroups.has(group) || stalledGroups.has(group) || !isHeadOfGroup(message)) {
        handedBack.push(message);
        stalledGroups.add(group);
        continue;
      }
      if (options.redrive && receivesOf(message) >= options.redrive.maxReceiveCount) {
        await redrive(message, options.redrive.deadLetterQueueUrl);
        continue;
      }
      receives.set(message.MessageId ?? '', receivesOf(message) + 1);
      batch.push(message);
      takenGroups.add(group);
    }
    await handBack(handedBack);
    if (batch.length === 0) {
      if (handedBack.length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      return;
    }
    for (const group of takenGroups) busyGroups.add(group);
    const run = invoke(batch).catch((error: unknown) =>
      options.logger.error('poller failed to settle a batch', {
        function: options.functionName,
        error: (error as Error).message,
      }),
    );
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  }

  async function runLoop(signal: AbortSignal) {
    while (running) {
      if (inFlight.size >= options.maxConcurrency) {
        await Promise.race(inFlight);
        continue;
      }
      try {
        await pollOnce(signal);
      } catch (error) {
        if (!running) return;
        options.logger.warn('poll failed; retrying', {
          function: options.functionName,
          error: (error as Error).message,
        });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  return {
    stats,
    start() {
      if (running) return;
      running = true;
      stopRequested = new AbortController();
      loop = runLoop(stopRequested.signal);
    },
    async stop() {
      running = false;
      stopRequested?.abort();
      await loop;
      const grace = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
    },
  };
}
