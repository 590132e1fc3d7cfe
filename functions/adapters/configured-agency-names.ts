import type { AgencyNameTable } from '../core/agency-names';
import type { AgencyNames } from '../ports/agency-names';

/** The unit names of the configured table; `strict` overrides the table's own flag when given. */
export function createConfiguredAgencyNames(
  table: AgencyNameTable,
  options: { readonly strict?: boolean } = {},
): AgencyNames {
  return {
    strict: options.strict ?? table.strict,
    nameOf: async (agencyCode) => table.byCode.get(agencyCode),
  };
}
