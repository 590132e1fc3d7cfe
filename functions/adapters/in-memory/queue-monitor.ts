import type { QueueMonitor } from '../../ports/queue-monitor';
import type { InMemoryMessageQueue } from './message-queue';

/** Depths of in-memory queues: what was sent and not yet taken is visible; nothing is in flight. */
export function createInMemoryQueueMonitor(queues: readonly InMemoryMessageQueue[]): QueueMonitor {
  return {
    async depths() {
      return queues.map((queue) => ({ name: queue.name, visible: queue.waiting.length, inFlight: 0 }));
    },
  };
}
