import type { CodeMapping, UnmappedCode } from '../../contracts/code-mappings';
import type { CatalogueKind } from '../../contracts/national-catalogues';

/** A code seen on a dossier that neither a mapping nor the loaded catalogue explains. */
export interface UnmappedSighting {
  readonly kind: CatalogueKind;
  readonly localCode: string;
  readonly dossierCode: string;
  /** The Vietnam day it was seen on: one counter per code and day. */
  readonly day: string;
  readonly at: string;
}

/**
 * The mapping tables from local to national codes, one per catalogue kind (issue 21), and the
 * codes dossiers carried that nothing explains, counted per code and day.
 */
export interface CodeMappings {
  /** Every mapping of a kind, by local code (a province's tables are a few thousand rows). */
  list(kind: CatalogueKind): Promise<CodeMapping[]>;
  /** Saves a mapping and answers the one it replaced, read in the same write. */
  put(mapping: CodeMapping): Promise<CodeMapping | undefined>;
  /** Saves many (an import). Each row is one write: a retry of a failed import is harmless. */
  putMany(mappings: readonly CodeMapping[]): Promise<void>;
  /** Removes a mapping and answers it; undefined when there was none. */
  remove(kind: CatalogueKind, localCode: string): Promise<CodeMapping | undefined>;
  /** Counts a dossier on a code's counter of the day; the same dossier twice counts once. */
  recordUnmapped(sighting: UnmappedSighting): Promise<void>;
  /** The codes seen on these days, each with its distinct dossiers per day summed, newest first. */
  listUnmapped(days: readonly string[]): Promise<UnmappedCode[]>;
}
