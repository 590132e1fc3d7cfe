import type { Channel } from '../../functions/core/dossier-message';
import type { DeadLetterQueueSpec, QueueSpec } from './specs';

// Dead letters stay as long as SQS allows, so an outage can be fixed before anything expires.
export const toNationalDeadLetterQueue = {
  name: 'to-national-dlq.fifo',
  fifo: true,
  visibilityTimeoutSeconds: 60,
  retentionDays: 14,
} as const satisfies DeadLetterQueueSpec;

export const toProvinceDeadLetterQueue = {
  name: 'to-province-dlq.fifo',
  fifo: true,
  visibilityTimeoutSeconds: 60,
  retentionDays: 14,
} as const satisfies DeadLetterQueueSpec;

export const toNationalQueue = {
  name: 'to-national.fifo',
  fifo: true,
  // Above the relay's timeout, so a slow portal call never lets a second copy in.
  visibilityTimeoutSeconds: 60,
  // With the retry policy's backoff (capped at 15 min) 20 receives ride out about 1.5 h of
  // portal outage before a message is parked for an administrator.
  maxReceiveCount: 20,
  retentionDays: 14,
  deadLetterQueue: toNationalDeadLetterQueue.name,
} as const satisfies QueueSpec;

export const toProvinceQueue = {
  name: 'to-province.fifo',
  fifo: true,
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 20,
  retentionDays: 14,
  deadLetterQueue: toProvinceDeadLetterQueue.name,
} as const satisfies QueueSpec;

/** Each channel's queue and its dead-letter queue: the runtimes wire a channel to these by name. */
export const channelQueues = {
  national: { queue: toNationalQueue, deadLetterQueue: toNationalDeadLetterQueue },
  province: { queue: toProvinceQueue, deadLetterQueue: toProvinceDeadLetterQueue },
} as const satisfies Record<Channel, { queue: QueueSpec; deadLetterQueue: DeadLetterQueueSpec }>;
