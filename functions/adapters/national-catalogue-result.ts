import { type CatalogueKind, readCatalogueRow } from '../../contracts/national-catalogues';
import { GatewayError } from '../core/gateway-error';
import type { NationalCatalogue } from '../ports/national-portal';

/**
 * The entries of a catalogue answer's `result`, shared by both transports. A `result` that is
 * not a list is a transient failure (nothing is decided on it); a row that cannot be read is
 * counted, so that the refresh can refuse a partial catalogue instead of storing it.
 */
export function readCatalogueResult(kind: CatalogueKind, result: unknown): NationalCatalogue {
  if (!Array.isArray(result)) {
    throw new GatewayError('national.transient', `the ${kind} catalogue answer holds no result list`);
  }
  const entries = [];
  let unreadableRows = 0;
  for (const row of result) {
    const entry = readCatalogueRow(kind, row);
    if (entry) entries.push(entry);
    else unreadableRows += 1;
  }
  return { entries, unreadableRows };
}
