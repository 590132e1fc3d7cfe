import {
  ChangeMessageVisibilityCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type QueueEnvelope, queueDeduplicationId } from '../../contracts/queue-envelope';
import type { MessageQueue } from '../ports/message-queue';

/** SQS allows ten entries per SendMessageBatch. */
const SQS_BATCH_LIMIT = 10;

function toEntry(envelope: QueueEnvelope) {
  return {
    MessageBody: JSON.stringify(envelope),
    // One group per dossier: SQS FIFO keeps a dossier's messages in order and lets
    // different dossiers flow in parallel.
    MessageGroupId: envelope.dossierCode,
    MessageDeduplicationId: queueDeduplicationId(envelope),
  };
}

export function createSqsMessageQueue(client: SQSClient, name: string, queueUrl: string): MessageQueue {
  return {
    name,
    async send(envelope) {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, ...toEntry(envelope) }));
    },
    async sendBatch(envelopes) {
      for (let start = 0; start < envelopes.length; start += SQS_BATCH_LIMIT) {
        const chunk = envelopes.slice(start, start + SQS_BATCH_LIMIT);
        const result = await client.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((envelope, index) => ({ Id: String(index), ...toEntry(envelope) })),
          }),
        );
        if (result.Failed?.length) {
          const reasons = result.Failed.map((failure) => `${failure.Id}: ${failure.Code} ${failure.Message}`);
          throw new Error(
            `SendMessageBatch to ${name} failed for ${result.Failed.length} entries: ${reasons.join('; ')}`,
          );
        }
      }
    },
    async delay(receiptHandle, seconds) {
      await client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: receiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    },
    async ping() {
      await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    },
  };
}
