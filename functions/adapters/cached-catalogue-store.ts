import type { CatalogueKind } from '../../contracts/national-catalogues';
import type { CatalogueStore, CatalogueVersion } from '../ports/catalogue-store';
import { createReadCache } from './read-cache';

/**
 * The current catalogues held in the process for `maxAgeMs`: every dossier is checked against
 * them, and a catalogue changes once a day at most.
 */
export function cacheCatalogueStore(
  store: CatalogueStore,
  options: { readonly maxAgeMs: number; readonly now?: () => number },
): CatalogueStore {
  const held = createReadCache<CatalogueKind, CatalogueVersion | undefined>(options);
  return {
    current: (kind) => held.read(kind, () => store.current(kind)),
    async saveVersion(version) {
      held.forget(version.kind);
      const saved = await store.saveVersion(version);
      held.forget(version.kind);
      return saved;
    },
    async markChecked(kind, version, at) {
      await store.markChecked(kind, version, at);
      held.forget(kind);
    },
    listVersions: (kind, limit) => store.listVersions(kind, limit),
  };
}
