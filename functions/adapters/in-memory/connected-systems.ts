import { mayActForAgency } from '../../core/agency-grants';
import { GatewayError } from '../../core/gateway-error';
import type { RegisteredClient } from '../../ports/client-registry';
import type { ConnectedSystem, ConnectedSystems } from '../../ports/connected-systems';
import type { ProvinceSystem, ProvinceSystems } from '../../ports/province-systems';

/**
 * Connected systems in memory, writing each system's API client into `clients` as the DynamoDB
 * adapter writes both into one item; routes webhooks as it does (enabled systems with an address).
 */
export function createInMemoryConnectedSystems(clients: {
  saveClient(registered: RegisteredClient): Promise<void>;
}): ConnectedSystems & ProvinceSystems {
  const byId = new Map<string, ConnectedSystem>();
  const receivers = (): ProvinceSystem[] =>
    [...byId.values()].flatMap((system) =>
      system.webhookUrl && !system.disabled
        ? [
            {
              clientId: system.clientId,
              agencies: system.agencies,
              webhookUrl: system.webhookUrl,
              ...(system.webhookSecrets ? { webhookSecrets: system.webhookSecrets } : {}),
            },
          ]
        : [],
    );
  return {
    async list() {
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    async find(clientId) {
      return byId.get(clientId);
    },
    async save(system, client, expected) {
      const stored = byId.get(system.clientId);
      if ('absent' in expected && stored) {
        throw new GatewayError('system.exists', `${system.clientId} is taken`);
      }
      if ('updatedAt' in expected && stored?.updatedAt !== expected.updatedAt) {
        throw new GatewayError('system.changed', `${system.clientId} changed meanwhile`);
      }
      byId.set(system.clientId, system);
      await clients.saveClient(client);
    },
    async findOwner(agencyCode) {
      return receivers().find((system) => mayActForAgency(system.agencies, agencyCode));
    },
    async webhookReceivers() {
      return receivers();
    },
  };
}
