import { mayActForAgency } from '../../core/agency-grants';
import type { ProvinceSystem, ProvinceSystems } from '../../ports/province-systems';

/** Provincial systems in memory; the owner of an agency is the first whose grants cover it. */
export function createInMemoryProvinceSystems(
  systems: readonly ProvinceSystem[] = [],
): ProvinceSystems & { register(system: ProvinceSystem): Promise<void> } {
  const byId = new Map(systems.map((system) => [system.clientId, system]));
  return {
    async findOwner(agencyCode) {
      return [...byId.values()].find((system) => mayActForAgency(system.agencies, agencyCode));
    },
    async webhookReceivers() {
      return [...byId.values()];
    },
    async register(system) {
      byId.set(system.clientId, system);
    },
  };
}
