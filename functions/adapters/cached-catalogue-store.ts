import type { CatalogueKind } from '../../contracts/national-catalogues';
import type { CatalogueStore, CatalogueVersion } from '../ports/catalogue-store';

/**
 * The current catalogues held in the process for `maxAgeMs`: every dossier is checked against
 * them, and a catalogue changes once a day at most. A version saved through this process is
 * seen at once; one saved by another function after at most `maxAgeMs`.
 */
export function cacheCatalogueStore(
  store: CatalogueStore,
  options: { readonly maxAgeMs: number; readonly now?: () => number },
): CatalogueStore {
  const now = options.now ?? Date.now;
  const held = new Map<CatalogueKind, { at: number; value: Promise<CatalogueVersion | undefined> }>();
  return {
    current(kind) {
      const kept = held.get(kind);
      if (kept && now() - kept.at < options.maxAgeMs) return kept.value;
      const value = store.current(kind);
      held.set(kind, { at: now(), value });
      // A failed read is not kept: the next caller tries again.
      value.catch(() => held.delete(kind));
      return value;
    },
    async saveVersion(version) {
      held.delete(version.kind);
      const saved = await store.saveVersion(version);
      held.delete(version.kind);
      return saved;
    },
    async markChecked(kind, version, at) {
      await store.markChecked(kind, version, at);
      held.delete(kind);
    },
    listVersions: (kind, limit) => store.listVersions(kind, limit),
  };
}
