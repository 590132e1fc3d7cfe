import * as z from 'zod';
import { inboundList, inboundText } from './national-portal';

/**
 * The national portal's catalogues as the gateway reads them (DOMAIN.md "Catalogues on the
 * share endpoint"). Sources, [OCPS] VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl.java:
 * `LayDanhSachTTHC` answers `result[{MATTHC, TENTTHC}]` (getServiceInfoDVCQGMap),
 * `LayDanhMucCoQuan` `result[{MADONVI, TENDONVI, CAPDONVI}]` (doSyncGovernmentAgency),
 * `LayDanhMucLinhVuc` `result[{MALINHVUC, TENLINHVUC, MANGANH}]` (doSyncServiceDomain), and
 * `LayThuTuc {maTTHC}` a procedure with `LINHVUCTHUCHIEN[{MALINHVUC, TENLINHVUC}]`
 * (createSyncDossierBodyRequest). Every call is `{session, madonvi, service}` on the share
 * endpoint (getSharingDictCollection). Others write these rows, so they are read tolerantly.
 */

export const catalogueKinds = ['procedures', 'agencies', 'fields'] as const;
export type CatalogueKind = (typeof catalogueKinds)[number];
export const catalogueKindSchema = z.enum(catalogueKinds);

/** The `service` of each catalogue's call [OCPS CATEGORY_SYNC: PROCEDURE, ORGAN, AREA]. */
export const catalogueServices = {
  procedures: 'LayDanhSachTTHC',
  agencies: 'LayDanhMucCoQuan',
  fields: 'LayDanhMucLinhVuc',
} as const satisfies Record<CatalogueKind, string>;

const code = inboundText(100).pipe(z.string());
const name = inboundText(1000).pipe(z.string());

/**
 * A procedure row. [OCPS] reads the field of a procedure from LayThuTuc's LINHVUCTHUCHIEN; a
 * list row may carry it too [inferred], and is taken when it does.
 */
const procedureRowSchema = z.object({
  MATTHC: code,
  TENTTHC: name,
  LINHVUCTHUCHIEN: inboundList(z.object({ MALINHVUC: inboundText(100), TENLINHVUC: inboundText(1000) })),
});
const agencyRowSchema = z.object({ MADONVI: code, TENDONVI: name, CAPDONVI: inboundText(20) });
const fieldRowSchema = z.object({ MALINHVUC: code, TENLINHVUC: name, MANGANH: inboundText(100) });

/** One entry of a national catalogue, whatever its kind. */
export const catalogueEntrySchema = z
  .object({
    code: z.string().min(1).max(100),
    name: z.string().min(1).max(1000),
    /** Procedures: the field (MaLinhVuc, TenLinhVuc) the portal files it under. */
    fieldCode: z.string().max(100).optional(),
    fieldName: z.string().max(1000).optional(),
    /** Agencies: CAPDONVI, the level of the unit. */
    level: z.string().max(20).optional(),
  })
  .meta({ id: 'CatalogueEntry', description: 'One entry of a national catalogue, as the portal lists it' });

export type CatalogueEntry = z.output<typeof catalogueEntrySchema>;

/** One row of a catalogue answer, as a gateway entry; undefined when the row cannot be read. */
export function readCatalogueRow(kind: CatalogueKind, row: unknown): CatalogueEntry | undefined {
  if (kind === 'procedures') {
    const parsed = procedureRowSchema.safeParse(row);
    if (!parsed.success) return undefined;
    const field = parsed.data.LINHVUCTHUCHIEN[0];
    return {
      code: parsed.data.MATTHC,
      name: parsed.data.TENTTHC,
      ...(field?.MALINHVUC ? { fieldCode: field.MALINHVUC } : {}),
      ...(field?.TENLINHVUC ? { fieldName: field.TENLINHVUC } : {}),
    };
  }
  if (kind === 'agencies') {
    const parsed = agencyRowSchema.safeParse(row);
    if (!parsed.success) return undefined;
    return {
      code: parsed.data.MADONVI,
      name: parsed.data.TENDONVI,
      ...(parsed.data.CAPDONVI ? { level: parsed.data.CAPDONVI } : {}),
    };
  }
  const parsed = fieldRowSchema.safeParse(row);
  return parsed.success ? { code: parsed.data.MALINHVUC, name: parsed.data.TENLINHVUC } : undefined;
}
