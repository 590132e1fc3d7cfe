import type { CodeMapping, UnmappedCode } from '../../../contracts/code-mappings';
import type { CatalogueKind } from '../../../contracts/national-catalogues';
import { sumByCode } from '../../core/sum-by-code';
import type { CodeMappings } from '../../ports/code-mappings';

/** The mapping tables and the unexplained codes' day counters, in memory. */
export function createInMemoryCodeMappings(): CodeMappings {
  const tables = new Map<CatalogueKind, Map<string, CodeMapping>>();
  const tableOf = (kind: CatalogueKind) => {
    let table = tables.get(kind);
    if (!table) {
      table = new Map();
      tables.set(kind, table);
    }
    return table;
  };
  /** Day -> `kind#code` -> the dossiers seen and the last time. */
  const sightings = new Map<
    string,
    Map<string, Omit<UnmappedCode, 'dossiers'> & { readonly dossiers: Set<string> }>
  >();

  return {
    async list(kind) {
      return [...tableOf(kind).values()]
        .sort((left, right) => (left.localCode < right.localCode ? -1 : 1))
        .map((mapping) => structuredClone(mapping));
    },
    async put(mapping) {
      const table = tableOf(mapping.kind);
      const before = table.get(mapping.localCode);
      table.set(mapping.localCode, structuredClone(mapping));
      return before;
    },
    async putMany(mappings) {
      for (const mapping of mappings) tableOf(mapping.kind).set(mapping.localCode, structuredClone(mapping));
    },
    async remove(kind, localCode) {
      const table = tableOf(kind);
      const before = table.get(localCode);
      table.delete(localCode);
      return before;
    },
    async recordUnmapped({ kind, localCode, dossierCode, day, at }) {
      const ofDay = sightings.get(day) ?? new Map();
      sightings.set(day, ofDay);
      const key = `${kind}#${localCode}`;
      const dossiers = ofDay.get(key)?.dossiers ?? new Set<string>();
      dossiers.add(dossierCode);
      // The last write's time, as DynamoDB's update sets it.
      ofDay.set(key, { kind, localCode, lastSeen: at, dossiers });
    },
    async listUnmapped(days) {
      return sumByCode(
        days.flatMap((day) =>
          [...(sightings.get(day)?.values() ?? [])].map(({ dossiers, ...code }) => ({
            ...code,
            dossiers: dossiers.size,
          })),
        ),
      );
    },
  };
}
