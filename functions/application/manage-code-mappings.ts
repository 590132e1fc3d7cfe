import type { AuditActor } from '../../contracts/admin-api';
import {
  MAX_IMPORT_ROWS,
  type MappingImportResult,
  type MappingWrite,
} from '../../contracts/code-mapping-api';
import {
  type CodeMapping,
  localCodeSchema,
  UNMAPPED_DAYS,
  type UnmappedCode,
} from '../../contracts/code-mappings';
import type { CatalogueEntry, CatalogueKind } from '../../contracts/national-catalogues';
import { closestCodes, closestEntries, nameWords } from '../core/catalogue-matching';
import { GatewayError } from '../core/gateway-error';
import { vietnamDay } from '../core/vietnam-time';
import { type AuditLog, actorKey } from '../ports/audit-log';
import type { CatalogueStore } from '../ports/catalogue-store';
import type { Clock } from '../ports/clock';
import type { CodeMappings } from '../ports/code-mappings';
import { SUGGESTIONS } from './check-catalogue-codes';
import type { NationalCodes } from './resolve-national-codes';

export interface CodeMappingDependencies {
  readonly mappings: CodeMappings;
  readonly catalogues: CatalogueStore;
  readonly nationalCodes: NationalCodes;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** One row of an imported file, as read: the row number a spreadsheet shows, and its cells. */
export interface MappingFileRow {
  readonly row: number;
  readonly localCode: string;
  readonly nationalCode: string;
  readonly nationalName?: string;
}

const kindWords: Readonly<Record<CatalogueKind, readonly [string, string]>> = {
  procedures: ['thủ tục', 'procedure'],
  agencies: ['cơ quan', 'agency'],
  fields: ['lĩnh vực', 'field'],
};

/** The suggestions for a national code the catalogue does not list: by name when given, else by code. */
function suggestionsFor(items: readonly CatalogueEntry[], nationalCode: string, nationalName?: string) {
  const byName =
    nationalName && nameWords(nationalName).length > 0
      ? closestEntries(items, nationalName, SUGGESTIONS)
      : [];
  return (byName.length > 0 ? byName : closestCodes(items, nationalCode, SUGGESTIONS)).map((entry) => ({
    code: entry.code,
    entryName: entry.name,
  }));
}

function notListed(kind: CatalogueKind, nationalCode: string) {
  const [vi, en] = kindWords[kind];
  return `Danh mục ${vi} quốc gia không có mã ${nationalCode} / The national ${en} catalogue has no ${nationalCode}`;
}

const sameMapping = (left: CodeMapping, right: CodeMapping) =>
  left.nationalCode === right.nationalCode &&
  left.nationalName === right.nationalName &&
  Boolean(left.unchecked) === Boolean(right.unchecked);

/** The last `days` Vietnam days up to today, newest first. */
function lastDays(now: Date, days: number): string[] {
  return Array.from({ length: days }, (_, back) => vietnamDay(new Date(now.getTime() - back * 86_400_000)));
}

/**
 * The administrators' mapping tables (issue 21; DESIGN.md "National catalogues and code
 * mappings"): a mapping to a national code the loaded catalogue does not list is refused with
 * the closest entries; while the catalogue has never loaded it is saved and flagged unchecked.
 * Every write is audited with what it replaced. An import is all or nothing per file.
 */
export function createCodeMappingOperations(deps: CodeMappingDependencies) {
  const mappingOf = (
    write: {
      kind: CatalogueKind;
      localCode: string;
      nationalCode: string;
      nationalName?: string | undefined;
    },
    checked: boolean,
    actor: AuditActor,
  ): CodeMapping => ({
    kind: write.kind,
    localCode: write.localCode,
    nationalCode: write.nationalCode,
    ...(write.nationalName ? { nationalName: write.nationalName } : {}),
    ...(checked ? {} : { unchecked: true }),
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: actorKey({ actor }),
  });

  return {
    async list(kind: CatalogueKind, q?: string): Promise<CodeMapping[]> {
      const all = await deps.mappings.list(kind);
      if (!q) return all;
      const words = nameWords(q);
      return all.filter(
        (mapping) =>
          mapping.localCode.startsWith(q) ||
          mapping.nationalCode.startsWith(q) ||
          (words.length > 0 && words.every((word) => nameWords(mapping.nationalName ?? '').includes(word))),
      );
    },

    async put(kind: CatalogueKind, localCode: string, write: MappingWrite, actor: AuditActor) {
      const catalogue = await deps.catalogues.current(kind);
      if (catalogue && !catalogue.items.some((entry) => entry.code === write.nationalCode)) {
        const message = notListed(kind, write.nationalCode);
        throw new GatewayError('mapping.nationalCodeUnknown', message, {
          fieldErrors: [{ path: '$.nationalCode', message }],
          details: {
            nationalCode: write.nationalCode,
            closest: suggestionsFor(catalogue.items, write.nationalCode, write.nationalName),
          },
        });
      }
      const mapping = mappingOf({ kind, localCode, ...write }, catalogue !== undefined, actor);
      const before = await deps.mappings.put(mapping);
      await deps.audit.record({
        actor,
        action: 'mapping.save',
        target: `${kind}/${localCode}`,
        ...(before ? { before } : {}),
        after: mapping,
      });
      return mapping;
    },

    async remove(kind: CatalogueKind, localCode: string, actor: AuditActor): Promise<CodeMapping> {
      const before = await deps.mappings.remove(kind, localCode);
      if (!before) {
        throw new GatewayError(
          'mapping.notFound',
          `Không có ánh xạ cho mã ${localCode} / No mapping for ${localCode}`,
        );
      }
      await deps.audit.record({ actor, action: 'mapping.delete', target: `${kind}/${localCode}`, before });
      return before;
    },

    /**
     * Checks every row first and saves only a file without errors; the rows are counted as
     * added, changed or unchanged against the table as it is. A dry run only checks and counts.
     */
    async importRows(
      kind: CatalogueKind,
      rows: readonly MappingFileRow[],
      options: { readonly dryRun: boolean; readonly actor: AuditActor },
    ): Promise<MappingImportResult> {
      const [existing, catalogue] = await Promise.all([
        deps.mappings.list(kind),
        deps.catalogues.current(kind),
      ]);
      const byCode = new Map(existing.map((mapping) => [mapping.localCode, mapping]));
      const listed = catalogue && new Set(catalogue.items.map((entry) => entry.code));
      const errors: MappingImportResult['errors'] = [];
      const firstRowOf = new Map<string, number>();
      const toSave: CodeMapping[] = [];
      const counts = { added: 0, changed: 0, unchanged: 0, unchecked: 0 };
      if (rows.length > MAX_IMPORT_ROWS) {
        errors.push({
          row: rows[MAX_IMPORT_ROWS]?.row ?? MAX_IMPORT_ROWS + 1,
          field: 'localCode',
          message: `Tệp quá ${MAX_IMPORT_ROWS} dòng; hãy chia nhỏ / More than ${MAX_IMPORT_ROWS} rows: split the file`,
        });
      }
      for (const row of rows.slice(0, MAX_IMPORT_ROWS)) {
        const local = localCodeSchema.safeParse(row.localCode);
        const national = localCodeSchema.safeParse(row.nationalCode);
        if (!local.success) {
          errors.push({
            row: row.row,
            field: 'localCode',
            message: `Mã địa phương trống hoặc có ký tự không hợp lệ / The local code is empty or has a space, /, ? or #`,
          });
        }
        if (!national.success) {
          errors.push({
            row: row.row,
            field: 'nationalCode',
            message: `Mã quốc gia trống hoặc có ký tự không hợp lệ / The national code is empty or has a space, /, ? or #`,
          });
        }
        if (!local.success || !national.success) continue;
        const earlier = firstRowOf.get(local.data);
        if (earlier !== undefined) {
          errors.push({
            row: row.row,
            field: 'localCode',
            message: `Mã ${local.data} đã có ở dòng ${earlier} / ${local.data} is already on row ${earlier}`,
          });
          continue;
        }
        firstRowOf.set(local.data, row.row);
        if (catalogue && listed && !listed.has(national.data)) {
          errors.push({
            row: row.row,
            field: 'nationalCode',
            message: notListed(kind, national.data),
            closest: suggestionsFor(catalogue.items, national.data, row.nationalName),
          });
          continue;
        }
        const mapping = mappingOf(
          {
            kind,
            localCode: local.data,
            nationalCode: national.data,
            nationalName: row.nationalName?.trim(),
          },
          catalogue !== undefined,
          options.actor,
        );
        const before = byCode.get(local.data);
        if (!before) counts.added += 1;
        else if (sameMapping(before, mapping)) {
          counts.unchanged += 1;
          continue;
        } else counts.changed += 1;
        if (mapping.unchecked) counts.unchecked += 1;
        toSave.push(mapping);
      }
      const applied = errors.length === 0 && !options.dryRun;
      const result: MappingImportResult = {
        kind,
        dryRun: options.dryRun,
        applied,
        rows: rows.length,
        ...counts,
        errors,
      };
      if (applied) {
        await deps.mappings.putMany(toSave);
        await deps.audit.record({
          actor: options.actor,
          action: 'mapping.import',
          target: kind,
          after: {
            rows: result.rows,
            added: result.added,
            changed: result.changed,
            unchanged: result.unchanged,
          },
        });
      }
      return result;
    },

    /**
     * The codes dossiers carried in the last 30 days that nothing explained, less those a
     * mapping or a newer catalogue explains by now: what is left is still to do.
     */
    async unmapped(): Promise<UnmappedCode[]> {
      const seen = await deps.mappings.listUnmapped(lastDays(deps.clock.now(), UNMAPPED_DAYS));
      const day = vietnamDay(deps.clock.now());
      const explained = await Promise.all(
        seen.map(async (code) => {
          const mappings = await deps.mappings.list(code.kind);
          if (mappings.some((mapping) => mapping.localCode === code.localCode)) return true;
          const resolved =
            code.kind === 'agencies'
              ? await deps.nationalCodes.agency(code.localCode, day)
              : await deps.nationalCodes[code.kind === 'procedures' ? 'procedure' : 'field'](code.localCode);
          return resolved.entry !== undefined;
        }),
      );
      return seen.filter((_, index) => !explained[index]);
    },
  };
}
