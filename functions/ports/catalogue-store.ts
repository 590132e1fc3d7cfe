import type { CatalogueVersionSummary } from '../../contracts/catalogues';
import type { CatalogueEntry, CatalogueKind } from '../../contracts/national-catalogues';

export interface CatalogueVersion extends CatalogueVersionSummary {
  readonly entries: number;
  readonly items: readonly CatalogueEntry[];
}

/**
 * The national catalogues the gateway has pulled, versioned. A version becomes current only once
 * it is stored whole, so a pull that fails half-way leaves the last good version current.
 */
export interface CatalogueStore {
  /** The current version with its entries, or undefined while none was ever loaded. */
  current(kind: CatalogueKind): Promise<CatalogueVersion | undefined>;
  /**
   * Stores a version and then makes it current, if the current one is still `version - 1` (none
   * for 1). False when another refresh got there first; nothing of this one is current then.
   */
  saveVersion(version: CatalogueVersion): Promise<boolean>;
  /** The current version was found unchanged by a pull at `at`. */
  markChecked(kind: CatalogueKind, version: number, at: string): Promise<void>;
  /** Summaries, newest first. */
  listVersions(kind: CatalogueKind, limit: number): Promise<CatalogueVersionSummary[]>;
}
