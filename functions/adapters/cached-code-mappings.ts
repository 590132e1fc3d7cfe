import type { CodeMapping } from '../../contracts/code-mappings';
import type { CatalogueKind } from '../../contracts/national-catalogues';
import type { CodeMappings } from '../ports/code-mappings';

/**
 * The mapping tables held in the process for `maxAgeMs`: every dossier reads them, an
 * administrator changes them a few times a day. A change made through this process is seen at
 * once; one made through another function after at most `maxAgeMs`.
 */
export function cacheCodeMappings(
  mappings: CodeMappings,
  options: { readonly maxAgeMs: number; readonly now?: () => number },
): CodeMappings {
  const now = options.now ?? Date.now;
  const held = new Map<CatalogueKind, { at: number; value: Promise<CodeMapping[]> }>();
  const forget = <T>(kind: CatalogueKind, write: Promise<T>) => write.finally(() => held.delete(kind));
  return {
    list(kind) {
      const kept = held.get(kind);
      if (kept && now() - kept.at < options.maxAgeMs) return kept.value;
      const value = mappings.list(kind);
      held.set(kind, { at: now(), value });
      // A failed read is not kept: the next caller tries again.
      value.catch(() => held.delete(kind));
      return value;
    },
    put: (mapping) => forget(mapping.kind, mappings.put(mapping)),
    async putMany(rows) {
      await mappings.putMany(rows);
      for (const row of rows) held.delete(row.kind);
    },
    remove: (kind, localCode) => forget(kind, mappings.remove(kind, localCode)),
    recordUnmapped: (sighting) => mappings.recordUnmapped(sighting),
    listUnmapped: (days) => mappings.listUnmapped(days),
  };
}
