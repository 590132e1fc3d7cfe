import type { ClientRegistry, RegisteredClient } from '../../ports/client-registry';

/** API clients in memory. */
export function createInMemoryClientRegistry(
  clients: readonly RegisteredClient[] = [],
): ClientRegistry & { saveClient(registered: RegisteredClient): Promise<void> } {
  const byId = new Map(clients.map((client) => [client.clientId, client]));
  return {
    async findClient(clientId) {
      return byId.get(clientId);
    },
    async saveClient(registered) {
      byId.set(registered.clientId, registered);
    },
  };
}
