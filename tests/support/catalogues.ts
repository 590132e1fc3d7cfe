import type { CatalogueEntry, CatalogueKind } from '../../contracts/national-catalogues';
import { catalogueChanges } from '../../functions/core/catalogue-matching';
import type { CatalogueStore } from '../../functions/ports/catalogue-store';

/** Stores `items` as the first version of a catalogue, pulled on 2 December 2026 (Vietnam time). */
export async function loadFirstVersion(
  store: CatalogueStore,
  kind: CatalogueKind,
  items: readonly CatalogueEntry[],
): Promise<void> {
  const at = '2026-12-01T20:00:00.000Z';
  const saved = await store.saveVersion({
    kind,
    version: 1,
    pulledAt: at,
    checkedAt: at,
    entries: items.length,
    changes: catalogueChanges([], items),
    items,
  });
  if (!saved) throw new Error(`the ${kind} catalogue already had a version`);
}
