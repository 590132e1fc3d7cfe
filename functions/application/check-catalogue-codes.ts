import type { CatalogueEntry, CatalogueKind } from '../../contracts/national-catalogues';
import { type AgencyRecoding, replacementsOn } from '../core/agency-recoding';
import { closestEntries, nameWords } from '../core/catalogue-matching';
import { GatewayError } from '../core/gateway-error';
import type { CatalogueStore } from '../ports/catalogue-store';

/** How many catalogue entries a refusal suggests. */
export const SUGGESTIONS = 3;

export interface CatalogueCheckDependencies {
  readonly catalogues: CatalogueStore;
  readonly agencyRecoding: AgencyRecoding;
}

export interface CodesToCheck {
  readonly procedureCode: string;
  readonly procedureName: string;
  readonly agencyCode: string;
  readonly agencyName?: string | undefined;
  /** The Vietnam day the agency code is read on (its re-coding applies from then). */
  readonly day: string;
}

/** The codes of a version's entries, built once per version the cache holds. */
const codeSets = new WeakMap<readonly CatalogueEntry[], ReadonlySet<string>>();
function codesOf(items: readonly CatalogueEntry[]): ReadonlySet<string> {
  let codes = codeSets.get(items);
  if (!codes) {
    codes = new Set(items.map((entry) => entry.code));
    codeSets.set(items, codes);
  }
  return codes;
}

/**
 * Refuses at the door a dossier the portal would refuse days later (issue 21): its procedure
 * and its agency must be in the catalogues pulled from the portal, once each has loaded. Until a
 * catalogue has ever loaded, nothing is refused for it, so a fresh install starts. An agency
 * code retired in the 2025 re-coding counts as known when its replacement is listed: dossiers
 * begun under the old code carry it to the end.
 */
export async function checkCatalogueCodes(
  deps: CatalogueCheckDependencies,
  codes: CodesToCheck,
): Promise<void> {
  const [procedures, agencies] = await Promise.all([
    deps.catalogues.current('procedures'),
    deps.catalogues.current('agencies'),
  ]);
  if (procedures && !codesOf(procedures.items).has(codes.procedureCode)) {
    throw unknownCode(
      'procedures',
      codes.procedureCode,
      closestEntries(procedures.items, codes.procedureName, SUGGESTIONS),
    );
  }
  if (agencies) {
    const known = codesOf(agencies.items);
    const candidates = [
      codes.agencyCode,
      ...replacementsOn(deps.agencyRecoding, codes.agencyCode, codes.day),
    ];
    if (!candidates.some((code) => known.has(code))) {
      throw unknownCode('agencies', codes.agencyCode, suggestAgencies(agencies.items, codes));
    }
  }
}

/** By the unit's name when the dossier gives one, else the units of the same province. */
function suggestAgencies(items: readonly CatalogueEntry[], codes: CodesToCheck): CatalogueEntry[] {
  if (codes.agencyName && nameWords(codes.agencyName).length > 0) {
    return closestEntries(items, codes.agencyName, SUGGESTIONS);
  }
  const province = codes.agencyCode.slice(codes.agencyCode.lastIndexOf('.'));
  return items.filter((entry) => entry.code.endsWith(province)).slice(0, SUGGESTIONS);
}

function unknownCode(
  kind: Extract<CatalogueKind, 'procedures' | 'agencies'>,
  code: string,
  closest: CatalogueEntry[],
) {
  const procedure = kind === 'procedures';
  const hint = closest.map((entry) => `${entry.code} ${entry.name}`).join('; ');
  const [vi, en] = procedure ? ['thủ tục', 'procedure'] : ['cơ quan', 'agency'];
  return new GatewayError(
    procedure ? 'procedure.unknown' : 'agency.unknown',
    `Mã ${vi} ${code} không có trong danh mục của Cổng DVCQG${hint ? `; gần nhất: ${hint}` : ''} / ` +
      `The national ${en} catalogue has no ${code}${hint ? `; closest: ${hint}` : ''}`,
    {
      details: {
        code,
        // `entryName`, not `name`: problem answers mask every `name` as a person's (redact-personal-data.ts).
        closest: closest.map((entry) => ({ code: entry.code, entryName: entry.name })),
      },
      fieldErrors: [
        {
          path: procedure ? '$.procedureCode' : '$.agencyCode',
          message: `Không có trong danh mục ${vi} quốc gia / Not in the national ${en} catalogue`,
        },
      ],
    },
  );
}
