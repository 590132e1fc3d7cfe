import { agencyOfDossierCode, personalIdSchema } from '../../contracts/codes';
import { statusFromNationalCode } from '../../contracts/dossier-status';
import type { NationalDossier, NationalProgressRow } from '../../contracts/national-portal';
import type { FieldError } from '../../contracts/problem';
import { type DossierSubmission, dossierSubmissionSchema } from '../../contracts/provincial-api';
import { GatewayError } from './gateway-error';
import { toJsonPath } from './json-path';
import { fromNationalTimestamp } from './national-time';

const channels = { '1': 'counter', '2': 'online', '3': 'post' } as const;
const applicantTypes = { '1': 'citizen', '2': 'business', '3': 'agency', '4': 'organisation' } as const;
const resultDeliveries = { '0': 'counter', '1': 'post' } as const;

/** The portal sends absent optional fields as "" or blanks as often as it leaves them out. */
function present(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}

/**
 * The applicant's CCCD/CMND: the first identity the portal lists, else SoGiayToChuHoSo when it
 * is one. SoGiayToChuHoSo may hold a business registration or passport number instead, which
 * the provincial `idNumber` cannot carry.
 */
function personalIdOf(national: NationalDossier): string | undefined {
  const candidates = [...(national.DinhDanhCHS ?? []).map((identity) => identity.SoDinhDanh)];
  if (national.SoGiayToChuHoSo) candidates.push(national.SoGiayToChuHoSo.trim());
  return candidates.find((candidate) => personalIdSchema.safeParse(candidate).success);
}

const nationalFieldOf: Readonly<Record<string, string>> = {
  dossierCode: 'MaHoSo',
  agencyCode: 'MaHoSo',
  procedureCode: 'MaTTHC',
  procedureName: 'TenTTHC',
  fieldCode: 'MaLinhVuc',
  fieldName: 'TenLinhVuc',
  channel: 'KenhThucHien',
  summary: 'TrichYeuHoSo',
  receivedAt: 'NgayTiepNhan',
  dueAt: 'NgayHenTra',
  status: 'TrangThaiHoSo',
  resultDelivery: 'HinhThuc',
  note: 'GhiChu',
  documents: 'TaiLieuNop',
  fees: 'DanhSachLePhi',
};
const nationalApplicantFieldOf: Readonly<Record<string, string>> = {
  type: 'LoaiDoiTuong',
  name: 'ChuHoSo',
  idNumber: 'DinhDanhCHS',
  phone: 'SoDienThoai',
  email: 'Email',
  address: 'ThongTinKhac',
};
const nationalDocumentFieldOf: Readonly<Record<string, string>> = {
  id: 'TepDinhKemId',
  name: 'TenTepDinhKem',
  url: 'DuongDanTaiTepTin',
  componentCode: 'MaThanhPhanHoSo',
};
const nationalFeeFieldOf: Readonly<Record<string, string>> = {
  code: 'MaPhiLePhi',
  name: 'TenPhiLePhi',
  amount: 'Gia',
};

/**
 * Where, in the portal's own record, the field a provincial check refused came from, so the
 * portal is told about its field names. `documentIndexes` maps each provincial document back to
 * its TaiLieuNop position (deleted attachments are skipped).
 */
function nationalPathOf(path: readonly PropertyKey[], documentIndexes: readonly number[]): PropertyKey[] {
  const [field, index, subfield] = path;
  if (field === 'applicant') {
    const national = nationalApplicantFieldOf[String(index)];
    return national ? [national] : [];
  }
  const national = nationalFieldOf[String(field)];
  if (!national) return [];
  if (typeof index !== 'number') return [national];
  if (field === 'documents') {
    const documentField = nationalDocumentFieldOf[String(subfield)];
    return [national, documentIndexes[index] ?? index, ...(documentField ? [documentField] : [])];
  }
  const feeField = nationalFeeFieldOf[String(subfield)];
  return [national, index, ...(feeField ? [feeField] : [])];
}

/**
 * The DongBoHoSoMC dossier object -> the provincial dossier shape (version 1: first seen).
 * Total: the answer satisfies the provincial contract, or a `request.invalid` error names the
 * portal's fields that it cannot express (a fee of 0 VND, a document without an http(s) URL,
 * a promised date before the reception date...).
 */
export function fromNationalDossier(national: NationalDossier): DossierSubmission {
  const status = statusFromNationalCode(Number(national.TrangThaiHoSo));
  if (!status) throw new RangeError(`unknown TrangThaiHoSo ${national.TrangThaiHoSo}`);
  const idNumber = personalIdOf(national);
  // People write 0912 345 678, 024.3812.3456 or (+84) 912-345-678; the contract wants digits.
  const phone = present(national.SoDienThoai)?.replace(/[\s.()-]/g, '');
  const email = present(national.Email);
  const address = present(national.ThongTinKhac);
  const dossier: DossierSubmission = {
    dossierCode: national.MaHoSo,
    version: 1,
    // The receiving agency, as the code says: DonViXuLy may name the unit processing it.
    agencyCode: agencyOfDossierCode(national.MaHoSo),
    procedureCode: national.MaTTHC,
    procedureName: national.TenTTHC,
    channel: channels[national.KenhThucHien],
    applicant: {
      type: applicantTypes[national.LoaiDoiTuong],
      name: national.ChuHoSo,
      ...(idNumber ? { idNumber } : {}),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      ...(address ? { address } : {}),
    },
    summary: national.TrichYeuHoSo,
    receivedAt: fromNationalTimestamp(national.NgayTiepNhan),
    dueAt: fromNationalTimestamp(national.NgayHenTra),
    status,
    resultDelivery: resultDeliveries[national.HinhThuc],
  };
  const fieldCode = present(national.MaLinhVuc);
  const fieldName = present(national.TenLinhVuc);
  const note = present(national.GhiChu);
  if (fieldCode) dossier.fieldCode = fieldCode;
  if (fieldName) dossier.fieldName = fieldName;
  if (note) dossier.note = note;
  const documentIndexes: number[] = [];
  const documents = (national.TaiLieuNop ?? []).flatMap((document, index) => {
    if (document.IsDeleted === '1') return [];
    documentIndexes.push(index);
    const componentCode = present(document.MaThanhPhanHoSo);
    return [
      {
        id: document.TepDinhKemId,
        name: document.TenTepDinhKem,
        url: document.DuongDanTaiTepTin,
        ...(componentCode ? { componentCode } : {}),
      },
    ];
  });
  if (documents.length) dossier.documents = documents;
  if (national.DanhSachLePhi?.length) {
    dossier.fees = national.DanhSachLePhi.map((fee) => ({
      code: fee.MaPhiLePhi,
      name: fee.TenPhiLePhi,
      amount: Number(fee.Gia),
    }));
  }

  const checked = dossierSubmissionSchema.safeParse(dossier);
  if (checked.success) return checked.data;
  const fieldErrors: FieldError[] = checked.error.issues.map((issue) => ({
    path: toJsonPath(nationalPathOf(issue.path, documentIndexes)),
    message: issue.message,
  }));
  throw new GatewayError(
    'request.invalid',
    `Hồ sơ ${national.MaHoSo} không chuyển được sang định dạng của hệ thống một cửa / The national dossier cannot be expressed in the provincial format`,
    { fieldErrors },
  );
}

export interface NationalStatusChange {
  readonly dossierCode: string;
  readonly status: NonNullable<ReturnType<typeof statusFromNationalCode>>;
  readonly nationalStatusCode: number;
  readonly at: string;
  readonly handledBy: { readonly name: string; readonly title?: string; readonly department?: string };
  readonly note?: string;
  readonly dueAt?: string;
}

/** A progress row the portal pushes -> the data of a `dossier.status_changed` webhook. */
export function fromNationalProgressRow(row: NationalProgressRow): NationalStatusChange {
  const status = statusFromNationalCode(Number(row.TrangThai));
  if (!status) throw new RangeError(`unknown TrangThai ${row.TrangThai}`);
  const title = present(row.ChucDanh);
  const department = present(row.PhongBanXuLy);
  const note = present(row.NoiDungXuLy);
  return {
    dossierCode: row.MaHoSo,
    status,
    nationalStatusCode: Number(row.TrangThai),
    at: fromNationalTimestamp(row.ThoiDiemXuLy),
    handledBy: {
      name: row.NguoiXuLy,
      ...(title ? { title } : {}),
      ...(department ? { department } : {}),
    },
    ...(note ? { note } : {}),
    // The promised date the step sets (toNationalProgressRow writes dueAt there).
    ...(row.NgayKetThucTheoQuyDinh ? { dueAt: fromNationalTimestamp(row.NgayKetThucTheoQuyDinh) } : {}),
  };
}
