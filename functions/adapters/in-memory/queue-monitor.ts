import type { QueueMonitor } from '../../ports/queue-monitor';
import type { InMemoryMessageQueue } from './message-queue';

/** Depths of in-memory queues, read from the queues themselves. */
export function createInMemoryQueueMonitor(queues: readonly InMemoryMessageQueue[]): QueueMonitor {
  return {
    async depths() {
      return queues.map((queue) => ({ name: queue.name, ...queue.depth() }));
    },
  };
}
