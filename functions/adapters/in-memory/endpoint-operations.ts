import type { EndpointPause } from '../../../contracts/endpoint-operations';
import type { DeliveryLog, DeliveryLogEntry, EndpointPauses } from '../../ports/endpoint-operations';

/** Paused systems in memory. */
export function createInMemoryEndpointPauses(): EndpointPauses {
  const paused = new Map<string, EndpointPause>();
  const resumedAt = new Map<string, string>();
  return {
    async current() {
      return { paused: new Map(paused), resumedAt: new Map(resumedAt) };
    },
    async pause(systemId, pause) {
      if (paused.has(systemId)) return false;
      paused.set(systemId, pause);
      return true;
    },
    async resume(systemId, at) {
      const lifted = paused.get(systemId);
      if (!lifted) return undefined;
      paused.delete(systemId);
      resumedAt.set(systemId, at);
      return lifted;
    },
  };
}

/** Delivery logs in memory, keyed like the table: a second write of one attempt replaces it. */
export function createInMemoryDeliveryLog(): DeliveryLog {
  const entries = new Map<string, DeliveryLogEntry>();
  return {
    async record(entry) {
      entries.set(`${entry.systemId}\u0000${entry.at}#${entry.messageId}`, entry);
    },
    async recent(systemId, limit) {
      return [...entries.values()]
        .filter((entry) => entry.systemId === systemId)
        .sort((a, b) => (`${a.at}#${a.messageId}` < `${b.at}#${b.messageId}` ? 1 : -1))
        .slice(0, limit);
    },
  };
}
