import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inboundNationalDossierSchema,
  inboundProgressRowSchema,
  nationalDossierSchema,
  nationalProgressRowSchema,
} from '../../../contracts/national-portal';
import {
  type DossierSubmission,
  dossierSubmissionSchema,
  type StatusChange,
  statusChangeSchema,
} from '../../../contracts/provincial-api';
import { statusChangedDataSchema } from '../../../contracts/webhooks';
import { isGatewayError } from '../../../functions/core/gateway-error';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import {
  fromNationalDossier,
  fromNationalProgressRow,
  type NationalStatusChange,
} from '../../../functions/core/translate-national-dossier';
import { toNationalProgressRow } from '../../../functions/core/translate-status-change';
import {
  dossierSubmission,
  nationalDossier,
  nationalProgressRow,
  statusChange,
} from '../../support/arbitraries';

/**
 * Properties of the translation between the provincial and the national formats, over every
 * value the contracts accept (tests/support/arbitraries.ts generates them).
 *
 * What both formats carry, and so must survive provincial -> national -> provincial:
 * - dossier: dossierCode, agencyCode, procedureCode, procedureName, fieldCode, fieldName,
 *   channel, applicant {type, name, idNumber, phone, email, address}, summary, status, note,
 *   documents [{id, name, url, componentCode}], fees [{code, name, amount}], resultDelivery,
 *   and receivedAt / dueAt as instants to the second.
 * - status change: status, note, handledBy {name, title, department}, and at / dueAt as
 *   instants to the second.
 * What only one side carries, and so is not compared:
 * - `version` and `eventId` are provincial: the portal keeps no versions or event ids.
 * - `agencyName` goes as DonViXuLy, where the agency code stands in when no name is known;
 *   `submittedAt` goes as NgayNopHoSo, where the reception stands in when it is not known [TH].
 * - Flags the portal always carries ("0"/"1"): absent and false are the same dossier.
 * - Offsets and milliseconds of times: the portal writes yyyyMMddHHmmss in Vietnam time.
 * - `resultDelivery` absent and `counter` are the same dossier: HinhThuc is required, 0 = at the desk.
 * - `documents` / `fees` absent and empty are the same dossier: the portal omits empty lists.
 */
const runs = { numRuns: 300 };

const toTheSecond = (time: string | undefined) =>
  time === undefined ? undefined : Math.floor(Date.parse(time) / 1000);

function carriedByBoth(dossier: DossierSubmission) {
  const {
    version: _provincialOnly,
    agencyName: _unit,
    submittedAt: _submitted,
    receivedAt,
    dueAt,
    resultDelivery,
    documents,
    fees,
    applicant: { verifiedWithVNeID, ...applicant },
    ...rest
  } = dossier;
  return {
    ...rest,
    applicant: { ...applicant, ...(verifiedWithVNeID ? { verifiedWithVNeID } : {}) },
    receivedAt: toTheSecond(receivedAt),
    dueAt: toTheSecond(dueAt),
    resultDelivery: resultDelivery ?? 'counter',
    documents: (documents ?? []).map(({ digitised, reuse, fromNationalStore, ...document }) => ({
      ...document,
      ...(digitised ? { digitised } : {}),
      ...(reuse ? { reuse } : {}),
      ...(fromNationalStore ? { fromNationalStore } : {}),
    })),
    fees: fees ?? [],
  };
}

/** The portal's record as the gateway reads it. */
const read = (record: unknown) => inboundNationalDossierSchema.parse(record);

function changeCarriedByBoth(change: StatusChange | NationalStatusChange) {
  return {
    status: change.status,
    at: toTheSecond(change.at),
    handledBy: change.handledBy,
    note: change.note,
    dueAt: toTheSecond(change.dueAt),
  };
}

describe('the arbitraries', () => {
  it('generate only values the provincial contracts accept unchanged', () => {
    fc.assert(
      fc.property(dossierSubmission, (dossier) => {
        expect(dossierSubmissionSchema.parse(dossier)).toEqual(dossier);
      }),
      runs,
    );
    fc.assert(
      fc.property(statusChange, (change) => {
        expect(statusChangeSchema.parse(change)).toEqual(change);
      }),
      runs,
    );
  });
});

describe('provincial dossier -> national dossier -> provincial dossier', () => {
  it('gives a DongBoHoSoMC object the national schema accepts, for every valid dossier', () => {
    fc.assert(
      fc.property(dossierSubmission, (dossier) => {
        const national = toNationalDossier(dossier);
        expect(nationalDossierSchema.safeParse(national).error?.issues ?? []).toEqual([]);
      }),
      runs,
    );
  });

  it('loses nothing that both formats carry', () => {
    fc.assert(
      fc.property(dossierSubmission, (dossier) => {
        const back = fromNationalDossier(read(toNationalDossier(dossier)));
        expect(carriedByBoth(back)).toEqual(carriedByBoth(dossier));
      }),
      runs,
    );
  });
});

/**
 * A dossier the province could have sent, as the portal writes it: blank strings for absent
 * fields, numbers where strings are due, "True"/"False" for flags, DonViXuLy naming the
 * processing unit (a name, not the receiving agency's code), a registration number of a
 * non-business in SoGiayToChuHoSo, deleted attachments still listed, spaced phone numbers.
 */
const portalDossier = fc
  .tuple(
    dossierSubmission,
    fc.record({
      blanks: fc.boolean(),
      numbers: fc.boolean(),
      trueFalse: fc.boolean(),
      unitName: fc.boolean(),
      businessNumber: fc.boolean(),
      deletedAttachment: fc.nat(5),
      spacedPhone: fc.boolean(),
    }),
  )
  .map(([dossier, quirks]) => {
    const national: Record<string, unknown> = { ...toNationalDossier(dossier) };
    if (quirks.blanks) {
      national.Email ||= '';
      national.SoDienThoai ||= ' ';
      national.GhiChu ||= '  ';
      national.DanhSachLePhi = (national.DanhSachLePhi as unknown[]).length ? national.DanhSachLePhi : '';
    }
    if (quirks.numbers) national.TrangThaiHoSo = Number(national.TrangThaiHoSo);
    if (quirks.trueFalse) national.TaiKhoanDuocXacThucVoiVNeID = 'False';
    if (quirks.unitName) national.DonViXuLy = 'UBND phường Hoàn Kiếm';
    // A registration number of someone who is not a business: not an ID the contract carries.
    if (quirks.businessNumber && !(national.DinhDanhCHS as unknown[]).length && national.LoaiDoiTuong !== '2')
      national.SoGiayToChuHoSo = '0101234567-001';
    if (quirks.deletedAttachment) {
      const documents = [...(national.TaiLieuNop as unknown[])];
      documents.splice(quirks.deletedAttachment % (documents.length + 1), 0, {
        TepDinhKemId: 'deleted',
        TenTepDinhKem: 'Tệp đã xoá',
        IsDeleted: 'True',
        DuongDanTaiTepTin: 'not kept',
        DuocSoHoa: '0',
        DuocTaiSuDung: '0',
        DuocLayTuKhoDMQG: '0',
      });
      national.TaiLieuNop = documents;
    }
    const phone = String(national.SoDienThoai ?? '');
    if (quirks.spacedPhone && phone.trim()) {
      national.SoDienThoai = phone.replace(/(\d{3})(\d{3})$/, ' $1.$2');
    }
    return { dossier, national: read(national) };
  });

describe('national dossier -> provincial dossier', () => {
  it('reads through the portal’s quirks to the dossier the province would have sent', () => {
    fc.assert(
      fc.property(portalDossier, ({ dossier, national }) => {
        expect(carriedByBoth(fromNationalDossier(national))).toEqual(carriedByBoth(dossier));
      }),
      runs,
    );
  });

  it('gives a dossier the provincial contract accepts, or names the national fields it cannot carry', () => {
    let translated = 0;
    let refused = 0;
    const portalFields = Object.keys(inboundNationalDossierSchema.shape);
    fc.assert(
      fc.property(nationalDossier, (record) => {
        const parsed = inboundNationalDossierSchema.safeParse(record);
        if (!parsed.success) {
          // Refused at the edge: each problem named by the portal's own field.
          refused += 1;
          for (const issue of parsed.error.issues) expect(portalFields).toContain(issue.path[0]);
          return;
        }
        try {
          const dossier = fromNationalDossier(parsed.data);
          translated += 1;
          expect(dossierSubmissionSchema.parse(dossier)).toEqual(dossier);
        } catch (error) {
          if (!isGatewayError(error, 'request.invalid')) throw error;
          refused += 1;
          expect(error.fieldErrors.length).toBeGreaterThan(0);
          for (const { path } of error.fieldErrors) {
            expect(portalFields).toContain(/^\$\.(\w+)/.exec(path)?.[1]);
          }
        }
      }),
      runs,
    );
    // Both outcomes were exercised: the property did not pass by refusing everything.
    expect(translated).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});

describe('status change -> progress row -> status change', () => {
  it('gives a CapNhatTienDoHoSoMC row the national schema accepts, for every valid change', () => {
    fc.assert(
      fc.property(statusChange, (change) => {
        const row = toNationalProgressRow('000.00.12.H12-250314-0007', change);
        expect(nationalProgressRowSchema.safeParse(row).error?.issues ?? []).toEqual([]);
      }),
      runs,
    );
  });

  it('loses nothing that both formats carry', () => {
    fc.assert(
      fc.property(statusChange, (change) => {
        const back = fromNationalProgressRow(
          inboundProgressRowSchema.parse(toNationalProgressRow('000.00.12.H12-250314-0007', change)),
        );
        expect(back.dossierCode).toBe('000.00.12.H12-250314-0007');
        expect(changeCarriedByBoth(back)).toEqual(changeCarriedByBoth(change));
      }),
      runs,
    );
  });

  it('turns every progress row the portal may push into status-changed data the webhook contract accepts', () => {
    fc.assert(
      fc.property(nationalProgressRow, (row) => {
        const change = fromNationalProgressRow(inboundProgressRowSchema.parse(row));
        expect(statusChangedDataSchema.safeParse(change).error?.issues ?? []).toEqual([]);
      }),
      runs,
    );
  });
});
