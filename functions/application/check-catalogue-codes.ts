import type { CatalogueEntry, CatalogueKind } from '../../contracts/national-catalogues';
import { closestEntries, nameWords } from '../core/catalogue-matching';
import { GatewayError } from '../core/gateway-error';
import type { CatalogueStore } from '../ports/catalogue-store';
import type { CodeMappings } from '../ports/code-mappings';
import type { Logger } from '../ports/logger';
import type { NationalCode, NationalCodes } from './resolve-national-codes';

/** How many catalogue entries a refusal suggests. */
export const SUGGESTIONS = 3;

export interface CatalogueCheckDependencies {
  readonly catalogues: CatalogueStore;
  readonly nationalCodes: NationalCodes;
  /** Where the codes nothing explains are counted (the console's to-do list). */
  readonly mappings: Pick<CodeMappings, 'recordUnmapped'>;
  readonly logger: Pick<Logger, 'warn'>;
}

export interface CodesToCheck {
  readonly dossierCode: string;
  readonly procedureCode: string;
  readonly procedureName: string;
  readonly agencyCode: string;
  readonly agencyName?: string | undefined;
  readonly fieldCode?: string | undefined;
  /** The Vietnam day the codes are read on (the agency's re-coding applies from then). */
  readonly day: string;
  readonly at: string;
}

/**
 * Refuses at the door a dossier the portal would refuse days later (issue 21): its procedure
 * and its agency, after the province's mappings, must be in the catalogues pulled from the
 * portal, once each has loaded. Until a catalogue has ever loaded, nothing is refused for it,
 * so a fresh install starts. An agency code retired in the 2025 re-coding counts as known when
 * its replacement is listed: dossiers begun under the old code carry it to the end. Every code
 * a loaded catalogue does not explain, the field's too (never refused: the portal files a
 * dossier under its procedure's field), is counted for the administrators' to-do list first.
 */
export async function checkCatalogueCodes(
  deps: CatalogueCheckDependencies,
  codes: CodesToCheck,
): Promise<void> {
  const [procedures, agencies, fields, procedure, agency, field] = await Promise.all([
    deps.catalogues.current('procedures'),
    deps.catalogues.current('agencies'),
    deps.catalogues.current('fields'),
    deps.nationalCodes.procedure(codes.procedureCode),
    deps.nationalCodes.agency(codes.agencyCode, codes.day),
    codes.fieldCode === undefined ? undefined : deps.nationalCodes.field(codes.fieldCode),
  ]);
  const unknownProcedure = procedures !== undefined && !procedure.entry;
  const unknownAgency = agencies !== undefined && !agency.entry;
  const unknownField = fields !== undefined && field !== undefined && !field.entry;
  await recordUnexplained(deps, codes, [
    ...(unknownProcedure ? [['procedures', procedure] as const] : []),
    ...(unknownAgency ? [['agencies', agency] as const] : []),
    ...(unknownField ? [['fields', field] as const] : []),
  ]);
  if (procedures && unknownProcedure) {
    throw unknownCode(
      'procedures',
      procedure,
      closestEntries(procedures.items, codes.procedureName, SUGGESTIONS),
    );
  }
  if (agencies && unknownAgency) {
    throw unknownCode('agencies', agency, suggestAgencies(agencies.items, codes));
  }
}

/** Counting is bookkeeping: a failure to count is logged and never refuses a dossier. */
async function recordUnexplained(
  deps: CatalogueCheckDependencies,
  codes: CodesToCheck,
  unexplained: readonly (readonly [CatalogueKind, NationalCode])[],
) {
  const recorded = await Promise.allSettled(
    unexplained.map(([kind, code]) =>
      deps.mappings.recordUnmapped({
        kind,
        localCode: code.localCode,
        dossierCode: codes.dossierCode,
        day: codes.day,
        at: codes.at,
      }),
    ),
  );
  for (const outcome of recorded) {
    if (outcome.status === 'rejected') {
      deps.logger.warn('an unmapped code was not counted', {
        dossierCode: codes.dossierCode,
        error: String(outcome.reason),
      });
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
  resolved: NationalCode,
  closest: CatalogueEntry[],
) {
  const procedure = kind === 'procedures';
  const hint = closest.map((entry) => `${entry.code} ${entry.name}`).join('; ');
  const [vi, en] = procedure ? ['thủ tục', 'procedure'] : ['cơ quan', 'agency'];
  const code = resolved.localCode;
  const [mappedVi, mappedEn] = resolved.mapping
    ? [` (ánh xạ thành ${resolved.mappedCode})`, ` (mapped to ${resolved.mappedCode})`]
    : ['', ''];
  return new GatewayError(
    procedure ? 'procedure.unknown' : 'agency.unknown',
    `Mã ${vi} ${code}${mappedVi} không có trong danh mục của Cổng DVCQG${hint ? `; gần nhất: ${hint}` : ''} / ` +
      `The national ${en} catalogue has no ${code}${mappedEn}${hint ? `; closest: ${hint}` : ''}`,
    {
      details: {
        code,
        ...(resolved.mapping ? { mappedCode: resolved.mappedCode } : {}),
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
