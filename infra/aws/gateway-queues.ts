import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { DeadLetterQueueSpec, QueueSpec } from '../topology';

export interface GatewayQueues {
  /** Every queue and dead-letter queue, by topology name. */
  readonly byName: ReadonlyMap<string, Queue>;
  readonly queues: readonly { readonly spec: QueueSpec; readonly queue: Queue }[];
  readonly deadLetterQueues: readonly { readonly spec: DeadLetterQueueSpec; readonly queue: Queue }[];
}

interface QueueOptions {
  readonly resourcePrefix: string;
  readonly removalPolicy: RemovalPolicy;
}

function fifoQueueProps(name: string, retentionDays: number, options: QueueOptions) {
  return {
    queueName: `${options.resourcePrefix}-${name}`,
    fifo: true,
    // The gateway sets MessageDeduplicationId (the message id) itself.
    contentBasedDeduplication: false,
    // High-throughput FIFO: order and deduplication per dossier (message group) are all the
    // design needs, and different dossiers then flow in parallel beyond 300 messages/s.
    deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
    fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
    retentionPeriod: Duration.days(retentionDays),
    // SQS-managed keys: no KMS request per message, and nothing more for consumers to be granted.
    encryption: QueueEncryption.SQS_MANAGED,
    // Adds a queue policy that denies any request without TLS (aws:SecureTransport).
    enforceSSL: true,
    removalPolicy: options.removalPolicy,
  };
}

/** The topology's FIFO queues, each redriving to its dead-letter queue after maxReceiveCount receives. */
export function createGatewayQueues(
  scope: Construct,
  spec: { readonly queues: readonly QueueSpec[]; readonly deadLetterQueues: readonly DeadLetterQueueSpec[] },
  options: QueueOptions,
): GatewayQueues {
  const byName = new Map<string, Queue>();
  const deadLetterQueues = spec.deadLetterQueues.map((dlq) => {
    const queue = new Queue(scope, `Queue:${dlq.name}`, fifoQueueProps(dlq.name, dlq.retentionDays, options));
    byName.set(dlq.name, queue);
    return { spec: dlq, queue };
  });
  const queues = spec.queues.map((source) => {
    const deadLetterQueue = byName.get(source.deadLetterQueue);
    if (!deadLetterQueue) {
      throw new Error(
        `queue ${source.name} names dead-letter queue ${source.deadLetterQueue}, which the topology lacks`,
      );
    }
    const queue = new Queue(scope, `Queue:${source.name}`, {
      ...fifoQueueProps(source.name, source.retentionDays, options),
      visibilityTimeout: Duration.seconds(source.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: source.maxReceiveCount },
    });
    byName.set(source.name, queue);
    return { spec: source, queue };
  });
  return { byName, queues, deadLetterQueues };
}
