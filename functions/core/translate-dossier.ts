import { nationalStatusCode } from '../../contracts/dossier-status';
import type { NationalDossier } from '../../contracts/national-portal';
import type { DossierSubmission } from '../../contracts/provincial-api';
import { toNationalTimestamp } from './national-time';

const channelCodes = { counter: '1', online: '2', post: '3' } as const;
const applicantTypeCodes = { citizen: '1', business: '2', agency: '3', organisation: '4' } as const;
const resultDeliveryCodes = { counter: '0', post: '1' } as const;

/** The portal caps TrichYeuHoSo at 1000 characters; the provincial contract does too. */
const SUMMARY_LIMIT = 1000;

/** Provincial dossier -> the DongBoHoSoMC dossier object. */
export function toNationalDossier(dossier: DossierSubmission): NationalDossier {
  const { applicant } = dossier;
  const national: NationalDossier = {
    MaHoSo: dossier.dossierCode,
    MaTTHC: dossier.procedureCode,
    TenTTHC: dossier.procedureName,
    KenhThucHien: channelCodes[dossier.channel],
    ChuHoSo: applicant.name,
    LoaiDoiTuong: applicantTypeCodes[applicant.type],
    TrichYeuHoSo: dossier.summary.slice(0, SUMMARY_LIMIT),
    NgayTiepNhan: toNationalTimestamp(dossier.receivedAt),
    NgayHenTra: toNationalTimestamp(dossier.dueAt),
    TrangThaiHoSo: String(nationalStatusCode(dossier.status)) as NationalDossier['TrangThaiHoSo'],
    HinhThuc: resultDeliveryCodes[dossier.resultDelivery ?? 'counter'],
    DonViXuLy: dossier.agencyCode,
  };
  if (dossier.fieldCode) national.MaLinhVuc = dossier.fieldCode;
  if (dossier.fieldName) national.TenLinhVuc = dossier.fieldName;
  if (applicant.idNumber) {
    national.SoGiayToChuHoSo = applicant.idNumber;
    national.DinhDanhCHS = [
      { LoaiDinhDanh: applicant.idNumber.length === 12 ? '1' : '2', SoDinhDanh: applicant.idNumber },
    ];
  }
  if (applicant.email) national.Email = applicant.email;
  if (applicant.phone) national.SoDienThoai = applicant.phone;
  if (applicant.address) national.ThongTinKhac = applicant.address;
  if (dossier.note) national.GhiChu = dossier.note;
  if (dossier.documents?.length) {
    national.TaiLieuNop = dossier.documents.map((document) => ({
      TepDinhKemId: document.id,
      TenTepDinhKem: document.name,
      IsDeleted: '0',
      ...(document.componentCode ? { MaThanhPhanHoSo: document.componentCode } : {}),
      DuongDanTaiTepTin: document.url,
      DuocSoHoa: '0',
      DuocTaiSuDung: '0',
      DuocLayTuKhoDMQG: '0',
    }));
  }
  if (dossier.fees?.length) {
    national.DanhSachLePhi = dossier.fees.map((fee) => ({
      TenPhiLePhi: fee.name,
      MaPhiLePhi: fee.code,
      HinhThucThu: '1',
      Gia: String(fee.amount),
      LoaiPhiLePhi: '1',
    }));
  }
  return national;
}
