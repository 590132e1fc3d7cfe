import type { CodeMapping } from '../../contracts/code-mappings';
import type { CatalogueEntry, CatalogueKind } from '../../contracts/national-catalogues';
import { type AgencyRecoding, replacementsOn } from '../core/agency-recoding';
import type { AgencyNames } from '../ports/agency-names';
import type { CatalogueStore } from '../ports/catalogue-store';
import type { CodeMappings } from '../ports/code-mappings';

export interface NationalCodeDependencies {
  readonly mappings: CodeMappings;
  readonly catalogues: CatalogueStore;
  readonly agencyRecoding: AgencyRecoding;
  /** Unit names without mappings: the catalogue's, then config/agency-names.json. */
  readonly names: AgencyNames;
}

/** What a local code means nationally. */
export interface NationalCode {
  readonly localCode: string;
  /** After the mapping (the local code itself when it has none). */
  readonly mappedCode: string;
  readonly mapping?: CodeMapping;
  /** The code to use today: for agencies, the mapped code after the 2025 re-coding. */
  readonly code: string;
  readonly name?: string;
  /** The catalogue's entry for `code`; undefined when it does not list it, or never loaded. */
  readonly entry?: CatalogueEntry;
}

export interface NationalAgencyCode extends NationalCode {
  /** The mapped code and each code it was replaced by up to `day`, oldest first. */
  readonly chain: readonly string[];
}

/** Index a list once per list instance the caches hold. */
const indexes = new WeakMap<readonly object[], ReadonlyMap<string, unknown>>();
function indexOf<Row extends object>(
  rows: readonly Row[],
  key: (row: Row) => string,
): ReadonlyMap<string, Row> {
  let index = indexes.get(rows) as ReadonlyMap<string, Row> | undefined;
  if (!index) {
    index = new Map(rows.map((row) => [key(row), row]));
    indexes.set(rows, index);
  }
  return index;
}

export interface NationalCodes {
  procedure(localCode: string): Promise<NationalCode>;
  field(localCode: string): Promise<NationalCode>;
  /** Which national code and name an agency's local code means on a Vietnam day. */
  agency(localCode: string, day: string): Promise<NationalAgencyCode>;
  /** The names it falls back on (no mappings): the catalogue's, then the configured table's. */
  readonly names: AgencyNames;
}

/**
 * The one place that answers "which national code and name does this local code mean today"
 * (issue 21): the edge's catalogue check, the relay's national record and the console all ask
 * it. The mapping comes first (a province's own code to the portal's), then, for agencies, the
 * 2025 re-coding of the mapped code (a mapping written before the reorganisation keeps
 * working); the name is the catalogue's for today's code, then the mapping's, then the
 * configured table's.
 */
export function createNationalCodes(deps: NationalCodeDependencies): NationalCodes {
  async function lookUp(kind: CatalogueKind, localCode: string) {
    const [mappings, catalogue] = await Promise.all([
      deps.mappings.list(kind),
      deps.catalogues.current(kind),
    ]);
    const mapping = indexOf(mappings, (row) => row.localCode).get(localCode);
    const entries = catalogue && indexOf(catalogue.items, (entry) => entry.code);
    return { mapping, mappedCode: mapping?.nationalCode ?? localCode, entries };
  }

  async function simple(kind: CatalogueKind, localCode: string): Promise<NationalCode> {
    const { mapping, mappedCode, entries } = await lookUp(kind, localCode);
    const entry = entries?.get(mappedCode);
    const name = entry?.name ?? mapping?.nationalName;
    return {
      localCode,
      mappedCode,
      code: mappedCode,
      ...(mapping ? { mapping } : {}),
      ...(entry ? { entry } : {}),
      ...(name ? { name } : {}),
    };
  }

  return {
    names: deps.names,
    procedure: (localCode) => simple('procedures', localCode),
    field: (localCode) => simple('fields', localCode),
    async agency(localCode, day) {
      const { mapping, mappedCode, entries } = await lookUp('agencies', localCode);
      const chain = [mappedCode, ...replacementsOn(deps.agencyRecoding, mappedCode, day)];
      const code = chain.at(-1) ?? mappedCode;
      // Today's code when the catalogue lists it, else the newest code of the chain it lists.
      const entry = [...chain].reverse().flatMap((candidate) => entries?.get(candidate) ?? [])[0];
      const name =
        entry?.name ??
        mapping?.nationalName ??
        (await deps.names.nameOf(code)) ??
        (code === localCode ? undefined : await deps.names.nameOf(localCode));
      return {
        localCode,
        mappedCode,
        code,
        chain,
        ...(mapping ? { mapping } : {}),
        ...(entry ? { entry } : {}),
        ...(name ? { name } : {}),
      };
    },
  };
}

/**
 * Unit names and procedure fields through the mappings: what a dossier's local agency code
 * names today, and the field the catalogue files its mapped procedure under. Every reader of
 * names (relay, dossier view, payments) then agrees with the edge.
 */
export function namesThroughMappings(codes: NationalCodes, today: () => string): AgencyNames {
  const { names } = codes;
  return {
    strict: names.strict,
    nameOf: async (agencyCode) => (await codes.agency(agencyCode, today())).name,
    fieldOf: async (procedureCode) => names.fieldOf?.((await codes.procedure(procedureCode)).code),
  };
}
