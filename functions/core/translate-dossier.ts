import { personalIdSchema } from '../../contracts/codes';
import { nationalStatusCode } from '../../contracts/dossier-status';
import type { NationalDossier } from '../../contracts/national-portal';
import type { DossierSubmission } from '../../contracts/provincial-api';
import { derivedMoments, type StatusMove } from './current-dossier';
import { toNationalTimestamp } from './national-time';

const channelCodes = { counter: '1', online: '2', post: '3' } as const;
const applicantTypeCodes = { citizen: '1', business: '2', agency: '3', organisation: '4' } as const;
const resultDeliveryCodes = { counter: '0', post: '1' } as const;
const paidOnlineCodes = { national: '1', province: '2' } as const;

/** The portal caps TrichYeuHoSo at 1000 characters; the provincial contract does too. */
const SUMMARY_LIMIT = 1000;

/** What the record needs beyond the dossier itself; every part is optional. */
export interface NationalRecordContext {
  /** The name the gateway knows for the dossier's agency (configured table or catalogue). */
  readonly agencyName?: string;
  /** The dossier's status history, oldest first: the source of the moments not sent. */
  readonly moves?: readonly StatusMove[];
  /** A payment of this dossier the gateway settled as paid (on the national platform). */
  readonly paidThroughGateway?: boolean;
}

const timestampOrBlank = (iso: string | undefined) => (iso ? toNationalTimestamp(iso) : '');
const flag = (value: boolean | undefined) => (value ? '1' : '0');

/** DinhDanhCHS: the holder's CCCD (1) or CMND (2) [TH]; a business's tax code is not one. */
function identitiesOf(idNumber: string | undefined): NationalDossier['DinhDanhCHS'] {
  if (!idNumber || !personalIdSchema.safeParse(idNumber).success) return [];
  return [{ LoaiDinhDanh: idNumber.length === 12 ? '1' : '2', SoDinhDanh: idNumber }];
}

/**
 * The unit's name for DonViXuLy: the dossier's own, else the one the gateway knows, else the
 * agency code stands in (the dossier view flags it; strict mode refuses such a dossier).
 */
function processingUnitOf(dossier: DossierSubmission, context: NationalRecordContext): string {
  return dossier.agencyName ?? context.agencyName ?? dossier.agencyCode;
}

/**
 * A provincial dossier as the gateway holds it now -> the DongBoHoSoMC dossier object, with
 * every key present and "" for what is unknown [OCPS createSyncDossierBodyRequest, TH
 * HoSoDongBoDVC]. The QĐ 766 fields come from the v1.1 facts, or are derived: the end of
 * processing and the return and refusal dates from the status history, paid-online from a
 * payment the gateway settled, the digitisation summary from the documents.
 */
export function toNationalDossier(
  dossier: DossierSubmission,
  context: NationalRecordContext = {},
): NationalDossier {
  const { applicant } = dossier;
  const moments = derivedMoments(dossier, context.moves ?? []);
  const documents = dossier.documents ?? [];
  const paidOnline = dossier.paidOnline ?? (context.paidThroughGateway ? 'national' : undefined);
  return {
    MaHoSo: dossier.dossierCode,
    MaTTHC: dossier.procedureCode,
    TenTTHC: dossier.procedureName,
    MaLinhVuc: dossier.fieldCode ?? '',
    TenLinhVuc: dossier.fieldName ?? '',
    KenhThucHien: channelCodes[dossier.channel],
    SoGiayToChuHoSo: applicant.idNumber ?? '',
    ChuHoSo: applicant.name,
    LoaiDoiTuong: applicantTypeCodes[applicant.type],
    // The citizen's portal account, for online dossiers only [TH: null unless KenhThucHien 2].
    MaDoiTuong: dossier.channel === 'online' ? (applicant.portalUserId ?? '') : '',
    ThongTinKhac: applicant.address ?? '',
    Email: applicant.email ?? '',
    Fax: '',
    SoDienThoai: applicant.phone ?? '',
    TrichYeuHoSo: dossier.summary.slice(0, SUMMARY_LIMIT),
    NgayTiepNhan: toNationalTimestamp(dossier.receivedAt),
    NgayHenTra: toNationalTimestamp(dossier.dueAt),
    TrangThaiHoSo: String(nationalStatusCode(dossier.status)) as NationalDossier['TrangThaiHoSo'],
    NgayTra: timestampOrBlank(moments.returnedAt),
    ThongTinTra: '',
    HinhThuc: resultDeliveryCodes[dossier.resultDelivery ?? 'counter'],
    NgayKetThucXuLy: timestampOrBlank(moments.finishedAt),
    DonViXuLy: processingUnitOf(dossier, context),
    GhiChu: dossier.note ?? '',
    NoiNopHoSo: '',
    // [TH] marks the dossier as soon as one submitted component is digitised.
    HoSoCoThanhPhanSoHoa: flag(documents.some((document) => document.digitised)),
    TaiKhoanDuocXacThucVoiVNeID: flag(applicant.verifiedWithVNeID),
    DuocThanhToanTrucTuyen: paidOnline ? paidOnlineCodes[paidOnline] : '0',
    NgayTuChoi: timestampOrBlank(moments.refusedAt),
    // [TH] sends the reception as the submission when nothing earlier is known.
    NgayNopHoSo: toNationalTimestamp(dossier.submittedAt ?? dossier.receivedAt),
    DinhDanhCHS: identitiesOf(applicant.idNumber),
    DSKetNoiCSDL: (dossier.nationalDataSources ?? []).map((code) => ({ MaCSDL: code })),
    TaiLieuNop: documents.map((document) => ({
      TepDinhKemId: document.id,
      TenTepDinhKem: document.name,
      IsDeleted: 'False',
      MaThanhPhanHoSo: document.componentCode ?? '',
      DuongDanTaiTepTin: document.url,
      DuocSoHoa: flag(document.digitised),
      DuocTaiSuDung: String(document.reuse ?? 0) as '0' | '1' | '2',
      DuocLayTuKhoDMQG: flag(document.fromNationalStore),
      MaKetQuaThayThe: '',
    })),
    DanhSachLePhi: (dossier.fees ?? []).map((fee) => ({
      TenPhiLePhi: fee.name,
      MaPhiLePhi: fee.code,
      HinhThucThu: '1',
      Gia: String(fee.amount),
      LoaiPhiLePhi: '1',
    })),
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: (dossier.supplements ?? []).map((supplement) => ({
      HoSoBoSungId: supplement.id,
      NguoiYeuCauBoSung: supplement.requestedBy,
      NoiDungBoSung: supplement.content,
      NgayBoSung: toNationalTimestamp(supplement.requestedAt),
      NguoiTiepNhanBoSung: '',
      ThongTinTiepNhan: '',
      NgayTiepNhanBoSung: timestampOrBlank(supplement.receivedAt),
      TrangThaiBoSung: flag(supplement.receivedAt !== undefined),
      NgayHenTraTruoc: timestampOrBlank(supplement.previousDueAt),
      NgayHenTraMoi: timestampOrBlank(supplement.newDueAt),
    })),
    DanhSachGiayToKetQua: (dossier.results ?? []).map((result) => ({
      TenGiayTo: result.name,
      MaThanhPhanHoSo: result.componentCode ?? '',
      GiayToId: result.id,
      DuongDanTepTinKetQua: result.url,
      MaGiayToKetQua: result.resultCode,
    })),
  };
}
