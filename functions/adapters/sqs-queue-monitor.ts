import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueMonitor } from '../ports/queue-monitor';

export function createSqsQueueMonitor(
  client: SQSClient,
  queues: readonly { name: string; url: string }[],
): QueueMonitor {
  return {
    async depths() {
      return Promise.all(
        queues.map(async (queue) => {
          const result = await client.send(
            new GetQueueAttributesCommand({
              QueueUrl: queue.url,
              AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
            }),
          );
          return {
            name: queue.name,
            visible: Number(result.Attributes?.ApproximateNumberOfMessages ?? 0),
            inFlight: Number(result.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
          };
        }),
      );
    },
  };
}
