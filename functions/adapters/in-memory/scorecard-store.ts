import type { IndicatorVerdict } from '../../core/scorecard/indicator-verdict';
import type { ScorecardDossier } from '../../core/scorecard/scorecard-dossier';
import { placedMonths } from '../../core/scorecard/scorecard-placement';
import type { SavedScorecardEntry, ScorecardStore } from '../../ports/scorecard-store';

/** The scorecard store in memory, keyed as the DynamoDB rows are (month and dossier; first day and dossier). */
export function createInMemoryScorecardStore(): ScorecardStore {
  const entries = new Map<string, SavedScorecardEntry>();
  const months = new Map<string, Map<string, readonly IndicatorVerdict[]>>();
  const open = new Map<string, ScorecardDossier>();
  const openKey = (firstDay: string, dossierCode: string) => `${firstDay}#${dossierCode}`;
  const copy = <T>(value: T): T => structuredClone(value);

  return {
    async get(dossierCode) {
      const entry = entries.get(dossierCode);
      return entry && copy(entry);
    },
    async save(entry, previous) {
      const { sheet, placement } = copy(entry);
      const code = sheet.dossierCode;
      for (const month of previous?.placedMonths ?? []) months.get(month)?.delete(code);
      if (previous?.openFirstDay) open.delete(openKey(previous.openFirstDay, code));
      if (placement.kind === 'final') {
        for (const [month, verdicts] of Object.entries(placement.months)) {
          if (!months.has(month)) months.set(month, new Map());
          months.get(month)?.set(code, verdicts);
        }
      }
      if (placement.kind === 'open') open.set(openKey(placement.firstDay, code), sheet);
      entries.set(code, {
        sheet,
        sequence: entry.sequence,
        placedMonths: placedMonths(placement),
        ...(placement.kind === 'open' ? { openFirstDay: placement.firstDay } : {}),
      });
    },
    async verdictsOfMonth(month) {
      return copy([...(months.get(month)?.values() ?? [])].flat());
    },
    async openDossiersThrough(through) {
      return copy(
        [...open.entries()]
          .filter(([key]) => key < `${through}$`)
          .sort(([left], [right]) => (left < right ? -1 : 1))
          .map(([, sheet]) => sheet),
      );
    },
  };
}
