import type { CodeMapping } from '../../contracts/code-mappings';
import type { CatalogueKind } from '../../contracts/national-catalogues';
import type { CodeMappings } from '../ports/code-mappings';
import { createReadCache } from './read-cache';

/**
 * The mapping tables held in the process for `maxAgeMs`: every dossier reads them, an
 * administrator changes them a few times a day.
 */
export function cacheCodeMappings(
  mappings: CodeMappings,
  options: { readonly maxAgeMs: number; readonly now?: () => number },
): CodeMappings {
  const held = createReadCache<CatalogueKind, CodeMapping[]>(options);
  const forget = <T>(kind: CatalogueKind, write: Promise<T>) => write.finally(() => held.forget(kind));
  return {
    list: (kind) => held.read(kind, () => mappings.list(kind)),
    put: (mapping) => forget(mapping.kind, mappings.put(mapping)),
    async putMany(rows) {
      await mappings.putMany(rows);
      for (const row of rows) held.forget(row.kind);
    },
    remove: (kind, localCode) => forget(kind, mappings.remove(kind, localCode)),
    recordUnmapped: (sighting) => mappings.recordUnmapped(sighting),
    listUnmapped: (days) => mappings.listUnmapped(days),
  };
}
