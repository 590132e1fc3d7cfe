import type { IndicatorEvent } from '../../core/dossier-tracking';
import type { IndicatorLedger } from '../../ports/indicator-ledger';

/** Indicator moments in memory, one per dossier and milestone and day, as the DynamoDB ledger keys them. */
export function createInMemoryIndicatorLedger(): IndicatorLedger {
  const moments = new Map<string, IndicatorEvent>();
  const keyOf = (event: IndicatorEvent) =>
    `${event.agencyCode}#${event.day}#${event.dossierCode}#${event.milestone}`;
  return {
    async record(events) {
      for (const event of events) moments.set(keyOf(event), event);
    },
    async listThrough(agencyCode, through) {
      return [...moments.entries()]
        .filter(([, event]) => event.agencyCode === agencyCode && event.day <= through)
        .sort(([left], [right]) => (left < right ? -1 : 1))
        .map(([, event]) => event);
    },
    async agencies() {
      return [...new Set([...moments.values()].map((event) => event.agencyCode))].sort();
    },
  };
}
