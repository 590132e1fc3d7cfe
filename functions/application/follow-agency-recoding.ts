import { type AgencyRecoding, replacementsOn } from '../core/agency-recoding';
import { vietnamDay } from '../core/vietnam-time';
import type { Clock } from '../ports/clock';
import type { ProvinceSystems } from '../ports/province-systems';

/**
 * Province-bound messages about a dossier under a retired code go to the system that owns the
 * code in use today (the merged province's), newest replacement first; the old code's owner
 * only when no replacement has one, so nothing parks while a merged province's system is
 * still being registered.
 */
export function followAgencyRecoding(
  systems: ProvinceSystems,
  recoding: AgencyRecoding,
  clock: Clock,
): ProvinceSystems {
  return {
    async findOwner(agencyCode) {
      const candidates = [
        ...replacementsOn(recoding, agencyCode, vietnamDay(clock.now())).reverse(),
        agencyCode,
      ];
      for (const code of candidates) {
        const owner = await systems.findOwner(code);
        if (owner) return owner;
      }
      return undefined;
    },
    webhookReceivers: () => systems.webhookReceivers(),
  };
}
