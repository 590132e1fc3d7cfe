import type { CatalogueKind } from '../../../contracts/national-catalogues';
import type { CatalogueStore, CatalogueVersion } from '../../ports/catalogue-store';

/** The catalogue store in memory: every version kept, the current one named per kind. */
export function createInMemoryCatalogueStore(): CatalogueStore {
  const versions = new Map<CatalogueKind, CatalogueVersion[]>();
  const currentOf = (kind: CatalogueKind) => versions.get(kind)?.at(-1);
  return {
    async current(kind) {
      const found = currentOf(kind);
      return found && structuredClone(found);
    },
    async saveVersion(version) {
      if ((currentOf(version.kind)?.version ?? 0) !== version.version - 1) return false;
      versions.set(version.kind, [...(versions.get(version.kind) ?? []), structuredClone(version)]);
      return true;
    },
    async markChecked(kind, version, at) {
      const list = versions.get(kind) ?? [];
      const index = list.findIndex((candidate) => candidate.version === version);
      const found = list[index];
      if (found && found.checkedAt < at) list[index] = { ...found, checkedAt: at };
    },
    async listVersions(kind, limit) {
      return [...(versions.get(kind) ?? [])]
        .reverse()
        .slice(0, limit)
        .map(({ items: _items, ...summary }) => structuredClone(summary));
    },
  };
}
