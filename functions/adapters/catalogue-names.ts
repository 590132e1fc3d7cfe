import type { CatalogueEntry } from '../../contracts/national-catalogues';
import type { AgencyNames } from '../ports/agency-names';
import type { CatalogueStore } from '../ports/catalogue-store';

/** Entries by code, built once per version the catalogue cache holds. */
const indexes = new WeakMap<readonly CatalogueEntry[], ReadonlyMap<string, CatalogueEntry>>();
function byCode(items: readonly CatalogueEntry[]): ReadonlyMap<string, CatalogueEntry> {
  let index = indexes.get(items);
  if (!index) {
    index = new Map(items.map((entry) => [entry.code, entry]));
    indexes.set(items, index);
  }
  return index;
}

/**
 * Names from the national catalogues first, then from the configured table: the portal's own
 * name of a unit is the one it expects as DonViXuLy, and the table keeps answering for units
 * the catalogue does not list and while no catalogue has loaded.
 */
export function withCatalogueNames(configured: AgencyNames, catalogues: CatalogueStore): AgencyNames {
  return {
    strict: configured.strict,
    async nameOf(agencyCode) {
      const agencies = await catalogues.current('agencies');
      return (agencies && byCode(agencies.items).get(agencyCode)?.name) ?? configured.nameOf(agencyCode);
    },
    async fieldOf(procedureCode) {
      const procedures = await catalogues.current('procedures');
      const entry = procedures && byCode(procedures.items).get(procedureCode);
      return entry?.fieldCode && entry.fieldName
        ? { fieldCode: entry.fieldCode, fieldName: entry.fieldName }
        : configured.fieldOf?.(procedureCode);
    },
  };
}
