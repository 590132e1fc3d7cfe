import * as z from 'zod';
import {
  type AgencyRow,
  type FieldRow,
  type ProcedureRow,
  sampleAgencies,
  sampleFields,
  sampleProcedures,
} from './national-catalogue-sample';
import { type PortalReply, portalCodes } from './national-wire';

/**
 * The catalogues on the share endpoint, as [OCPS] VietOpenCPS/opencps-v2
 * DVCQGIntegrationActionImpl.java reads them: `LayDanhSachTTHC` rows {MATTHC, TENTTHC}
 * (getServiceInfoDVCQGMap), `LayDanhMucCoQuan` {MADONVI, TENDONVI, CAPDONVI}
 * (doSyncGovernmentAgency), `LayDanhMucLinhVuc` {MALINHVUC, TENLINHVUC, MANGANH}
 * (doSyncServiceDomain), `LayThuTuc {maTTHC}` one procedure with LINHVUCTHUCHIEN
 * (createSyncDossierBodyRequest). The list rows carry LINHVUCTHUCHIEN too [inferred].
 */
const services = {
  LayDanhSachTTHC: 'procedures',
  LayDanhMucCoQuan: 'agencies',
  LayDanhMucLinhVuc: 'fields',
} as const;
type Kind = (typeof services)[keyof typeof services];

const entrySchema = z.strictObject({
  code: z.string().min(1).max(100),
  name: z.string().min(1).max(1000),
  fieldCode: z.string().min(1).max(100).optional(),
  fieldName: z.string().min(1).max(1000).optional(),
  level: z.string().min(1).max(20).optional(),
});

/**
 * POST /_sim/catalogue: change a catalogue between two pulls (entries added, renamed or
 * removed), or make its answers partial: `truncateTo` lists only the first rows, `garbledRows`
 * appends rows no client can read. `reset: true` restores the sample first.
 */
export const catalogueChangeSchema = z.strictObject({
  kind: z.enum(['procedures', 'agencies', 'fields']),
  reset: z.boolean().optional(),
  upsert: z.array(entrySchema).max(5000).default([]),
  remove: z.array(z.string().min(1)).max(5000).default([]),
  truncateTo: z.number().int().min(0).nullable().optional(),
  garbledRows: z.number().int().min(0).max(1000).optional(),
});

type Row = ProcedureRow | AgencyRow | FieldRow;

const codeOf = (row: Row) => ('MATTHC' in row ? row.MATTHC : 'MADONVI' in row ? row.MADONVI : row.MALINHVUC);

function rowOf(kind: Kind, entry: z.infer<typeof entrySchema>, before: Row | undefined): Row {
  if (kind === 'procedures') {
    const field = before && 'LINHVUCTHUCHIEN' in before ? before.LINHVUCTHUCHIEN : [];
    return {
      MATTHC: entry.code,
      TENTTHC: entry.name,
      LINHVUCTHUCHIEN:
        entry.fieldCode && entry.fieldName
          ? [{ MALINHVUC: entry.fieldCode, TENLINHVUC: entry.fieldName }]
          : field,
    };
  }
  if (kind === 'agencies') return { MADONVI: entry.code, TENDONVI: entry.name, CAPDONVI: entry.level ?? '' };
  return { MALINHVUC: entry.code, TENLINHVUC: entry.name, MANGANH: '' };
}

const sample = (): Record<Kind, Row[]> => ({
  procedures: sampleProcedures(),
  agencies: sampleAgencies(),
  fields: sampleFields(),
});

export function createCatalogueService() {
  let catalogues = sample();
  const whole = () => ({ truncateTo: null as number | null, garbledRows: 0 });
  const partial: Record<Kind, { truncateTo: number | null; garbledRows: number }> = {
    procedures: whole(),
    agencies: whole(),
    fields: whole(),
  };

  function listing(kind: Kind): unknown[] {
    const { truncateTo, garbledRows } = partial[kind];
    const rows: unknown[] = catalogues[kind].slice(0, truncateTo ?? undefined);
    // A row some other build of the portal writes: the code missing, the name a number.
    for (let index = 0; index < garbledRows; index += 1) rows.push({ TEN: index, MA: null });
    return rows;
  }

  return {
    catalogues: () => catalogues,
    reset() {
      catalogues = sample();
      for (const kind of Object.values(services)) partial[kind] = whole();
    },
    /** Applies one change; answers the catalogue's size. */
    change(change: z.infer<typeof catalogueChangeSchema>) {
      const { kind } = change;
      if (change.reset) {
        catalogues[kind] = sample()[kind];
        partial[kind] = whole();
      }
      const removed = new Set(change.remove);
      const byCode = new Map(
        catalogues[kind].filter((row) => !removed.has(codeOf(row))).map((row) => [codeOf(row), row]),
      );
      for (const entry of change.upsert) byCode.set(entry.code, rowOf(kind, entry, byCode.get(entry.code)));
      catalogues[kind] = [...byCode.values()];
      if (change.truncateTo !== undefined) partial[kind].truncateTo = change.truncateTo;
      if (change.garbledRows !== undefined) partial[kind].garbledRows = change.garbledRows;
      return { kind, entries: catalogues[kind].length, ...partial[kind] };
    },
    /** The answer to a catalogue call on the share endpoint; undefined for any other service. */
    answer(service: unknown, call: Record<string, unknown>): PortalReply | undefined {
      if (service === 'LayThuTuc') {
        if (typeof call.maTTHC !== 'string' || call.maTTHC === '') {
          return { error_code: portalCodes.incomplete, message: 'Thiếu maTTHC' };
        }
        const found = catalogues.procedures.find((row) => codeOf(row) === call.maTTHC);
        return { error_code: portalCodes.ok, message: 'Thành công', result: found ? [found] : [] };
      }
      if (typeof service !== 'string' || !Object.hasOwn(services, service)) return undefined;
      return {
        error_code: portalCodes.ok,
        message: 'Thành công',
        result: listing(services[service as keyof typeof services]),
      };
    },
  };
}
