import {
  agencyCodeSchema,
  agencyOfDossierCode,
  personalIdSchema,
  taxCodeSchema,
} from '../../contracts/codes';
import { statusFromNationalCode } from '../../contracts/dossier-status';
import type { InboundNationalDossier, InboundProgressRow } from '../../contracts/national-portal';
import type { FieldError } from '../../contracts/problem';
import { type DossierSubmission, dossierSubmissionSchema } from '../../contracts/provincial-api';
import { GatewayError } from './gateway-error';
import { toJsonPath } from './json-path';
import { fromNationalTimestamp } from './national-time';

const channels = { '1': 'counter', '2': 'online', '3': 'post' } as const;
const applicantTypes = { '1': 'citizen', '2': 'business', '3': 'agency', '4': 'organisation' } as const;
const resultDeliveries = { '0': 'counter', '1': 'post' } as const;
const reuses = { '0': 0, '1': 1, '2': 2 } as const;

/**
 * The applicant's number the provincial `idNumber` can carry: for a business (LoaiDoiTuong 2)
 * its tax code in SoGiayToChuHoSo; otherwise the first CCCD/CMND the portal lists, else
 * SoGiayToChuHoSo when it is one (it may hold a passport or registration number instead).
 */
function idNumberOf(national: InboundNationalDossier): string | undefined {
  if (national.LoaiDoiTuong === '2' && taxCodeSchema.safeParse(national.SoGiayToChuHoSo).success) {
    return national.SoGiayToChuHoSo;
  }
  const candidates = [...national.DinhDanhCHS.map((identity) => identity.SoDinhDanh)];
  if (national.SoGiayToChuHoSo) candidates.push(national.SoGiayToChuHoSo);
  return candidates.find((candidate) => personalIdSchema.safeParse(candidate).success);
}

const nationalFieldOf: Readonly<Record<string, string>> = {
  dossierCode: 'MaHoSo',
  agencyCode: 'MaHoSo',
  agencyName: 'DonViXuLy',
  procedureCode: 'MaTTHC',
  procedureName: 'TenTTHC',
  fieldCode: 'MaLinhVuc',
  fieldName: 'TenLinhVuc',
  channel: 'KenhThucHien',
  summary: 'TrichYeuHoSo',
  submittedAt: 'NgayNopHoSo',
  receivedAt: 'NgayTiepNhan',
  dueAt: 'NgayHenTra',
  status: 'TrangThaiHoSo',
  finishedAt: 'NgayKetThucXuLy',
  returnedAt: 'NgayTra',
  refusedAt: 'NgayTuChoi',
  resultDelivery: 'HinhThuc',
  note: 'GhiChu',
  documents: 'TaiLieuNop',
  fees: 'DanhSachLePhi',
  results: 'DanhSachGiayToKetQua',
};
const nationalApplicantFieldOf: Readonly<Record<string, string>> = {
  type: 'LoaiDoiTuong',
  name: 'ChuHoSo',
  idNumber: 'SoGiayToChuHoSo',
  phone: 'SoDienThoai',
  email: 'Email',
  address: 'ThongTinKhac',
  portalUserId: 'MaDoiTuong',
  verifiedWithVNeID: 'TaiKhoanDuocXacThucVoiVNeID',
};
const nationalItemFieldOf: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  documents: {
    id: 'TepDinhKemId',
    name: 'TenTepDinhKem',
    url: 'DuongDanTaiTepTin',
    componentCode: 'MaThanhPhanHoSo',
    digitised: 'DuocSoHoa',
    reuse: 'DuocTaiSuDung',
    fromNationalStore: 'DuocLayTuKhoDMQG',
  },
  fees: { code: 'MaPhiLePhi', name: 'TenPhiLePhi', amount: 'Gia' },
  results: {
    id: 'GiayToId',
    name: 'TenGiayTo',
    url: 'DuongDanTepTinKetQua',
    resultCode: 'MaGiayToKetQua',
    componentCode: 'MaThanhPhanHoSo',
  },
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
  const position = field === 'documents' ? (documentIndexes[index] ?? index) : index;
  const itemField = nationalItemFieldOf[String(field)]?.[String(subfield)];
  return [national, position, ...(itemField ? [itemField] : [])];
}

/** Fields the provincial dossier cannot do without; a blank one is named by the portal's name. */
const requiredFields = [
  'MaTTHC',
  'TenTTHC',
  'KenhThucHien',
  'ChuHoSo',
  'LoaiDoiTuong',
  'TrichYeuHoSo',
  'NgayHenTra',
] as const satisfies readonly (keyof InboundNationalDossier)[];

const REQUIRED = 'Trường bắt buộc / Required field is missing';

function refuse(national: InboundNationalDossier, fieldErrors: FieldError[]): never {
  throw new GatewayError(
    'request.invalid',
    `Hồ sơ ${national.MaHoSo} không chuyển được sang định dạng của hệ thống một cửa / The national dossier cannot be expressed in the provincial format`,
    { fieldErrors },
  );
}

/** Only a value that is not itself an agency code names a unit. */
const unitNameOf = (value: string | undefined) =>
  value && !agencyCodeSchema.safeParse(value).success ? value : undefined;

const isoOf = (timestamp: string | undefined) => (timestamp ? fromNationalTimestamp(timestamp) : undefined);

/**
 * The portal's dossier record (read tolerantly: "" is absent, flags and numbers may come in
 * either spelling) -> the provincial dossier shape (version 1: first seen), v1.1 facts
 * included. The receiving agency is the one MaHoSo starts with: DonViXuLy is a unit's name.
 * Total: the answer satisfies the provincial contract, or a `request.invalid` error names the
 * portal's fields that it cannot express (a missing field, a fee of 0 VND, a document without
 * an http(s) URL, a promised date before the reception date...).
 */
export function fromNationalDossier(national: InboundNationalDossier): DossierSubmission {
  const receivedAtStamp = national.NgayTiepNhan ?? national.NgayNopHoSo;
  const missing: FieldError[] = [
    ...requiredFields.filter((field) => national[field] === undefined),
    ...(receivedAtStamp === undefined ? ['NgayTiepNhan'] : []),
  ].map((field) => ({ path: toJsonPath([field]), message: REQUIRED }));
  const { MaTTHC, TenTTHC, KenhThucHien, ChuHoSo, LoaiDoiTuong, TrichYeuHoSo, NgayHenTra } = national;
  if (
    missing.length > 0 ||
    !MaTTHC ||
    !TenTTHC ||
    !KenhThucHien ||
    !ChuHoSo ||
    !LoaiDoiTuong ||
    !TrichYeuHoSo ||
    !NgayHenTra ||
    !receivedAtStamp
  ) {
    refuse(national, missing);
  }
  const status = statusFromNationalCode(Number(national.TrangThaiHoSo));
  if (!status) throw new RangeError(`unknown TrangThaiHoSo ${national.TrangThaiHoSo}`);
  const idNumber = idNumberOf(national);
  // People write 0912 345 678, 024.3812.3456 or (+84) 912-345-678; the contract wants digits.
  const phone = national.SoDienThoai?.replace(/[\s.()-]/g, '');
  const agencyName = unitNameOf(national.DonViXuLy);
  const moments = {
    submittedAt: isoOf(national.NgayNopHoSo),
    finishedAt: isoOf(national.NgayKetThucXuLy),
    returnedAt: isoOf(national.NgayTra),
    refusedAt: isoOf(national.NgayTuChoi),
  };
  const documentIndexes: number[] = [];
  const documents = national.TaiLieuNop.flatMap((document, index) => {
    if (document.IsDeleted === true) return [];
    documentIndexes.push(index);
    return [
      {
        id: document.TepDinhKemId,
        name: document.TenTepDinhKem,
        url: document.DuongDanTaiTepTin,
        ...(document.MaThanhPhanHoSo ? { componentCode: document.MaThanhPhanHoSo } : {}),
        ...(document.DuocSoHoa === undefined ? {} : { digitised: document.DuocSoHoa }),
        ...(document.DuocTaiSuDung === undefined ? {} : { reuse: reuses[document.DuocTaiSuDung] }),
        ...(document.DuocLayTuKhoDMQG === undefined ? {} : { fromNationalStore: document.DuocLayTuKhoDMQG }),
      },
    ];
  });
  const results = national.DanhSachGiayToKetQua.map((result) => ({
    id: result.GiayToId,
    name: result.TenGiayTo,
    url: result.DuongDanTepTinKetQua,
    resultCode: result.MaGiayToKetQua,
    ...(result.MaThanhPhanHoSo ? { componentCode: result.MaThanhPhanHoSo } : {}),
  }));
  const dossier = {
    dossierCode: national.MaHoSo,
    version: 1,
    agencyCode: agencyOfDossierCode(national.MaHoSo),
    ...(agencyName ? { agencyName } : {}),
    procedureCode: MaTTHC,
    procedureName: TenTTHC,
    ...(national.MaLinhVuc ? { fieldCode: national.MaLinhVuc } : {}),
    ...(national.TenLinhVuc ? { fieldName: national.TenLinhVuc } : {}),
    channel: channels[KenhThucHien],
    applicant: {
      type: applicantTypes[LoaiDoiTuong],
      name: ChuHoSo,
      ...(idNumber ? { idNumber } : {}),
      ...(phone ? { phone } : {}),
      ...(national.Email ? { email: national.Email } : {}),
      ...(national.ThongTinKhac ? { address: national.ThongTinKhac } : {}),
      ...(national.MaDoiTuong ? { portalUserId: national.MaDoiTuong } : {}),
      ...(national.TaiKhoanDuocXacThucVoiVNeID === undefined
        ? {}
        : { verifiedWithVNeID: national.TaiKhoanDuocXacThucVoiVNeID }),
    },
    summary: TrichYeuHoSo,
    ...(moments.submittedAt ? { submittedAt: moments.submittedAt } : {}),
    receivedAt: fromNationalTimestamp(receivedAtStamp),
    dueAt: fromNationalTimestamp(NgayHenTra),
    status,
    ...(moments.finishedAt ? { finishedAt: moments.finishedAt } : {}),
    ...(moments.returnedAt ? { returnedAt: moments.returnedAt } : {}),
    ...(moments.refusedAt ? { refusedAt: moments.refusedAt } : {}),
    resultDelivery: resultDeliveries[national.HinhThuc ?? '0'],
    ...(national.GhiChu ? { note: national.GhiChu } : {}),
    ...(documents.length ? { documents } : {}),
    ...(national.DanhSachLePhi.length
      ? {
          fees: national.DanhSachLePhi.map((fee) => ({
            code: fee.MaPhiLePhi,
            name: fee.TenPhiLePhi,
            amount: fee.Gia === undefined ? undefined : Number(fee.Gia),
          })),
        }
      : {}),
    ...(results.length ? { results } : {}),
  };

  const checked = dossierSubmissionSchema.safeParse(dossier);
  if (checked.success) return checked.data;
  return refuse(
    national,
    checked.error.issues.map((issue) => ({
      path: toJsonPath(nationalPathOf(issue.path, documentIndexes)),
      message: issue.message,
    })),
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

/** Who handled a step the portal pushes without naming anyone (NguoiXuLy ""): the portal itself. */
const PORTAL_AS_HANDLER = 'Cổng Dịch vụ công quốc gia';

/** A progress row the portal pushes -> the data of a `dossier.status_changed` webhook. */
export function fromNationalProgressRow(row: InboundProgressRow): NationalStatusChange {
  const status = statusFromNationalCode(Number(row.TrangThai));
  if (!status) throw new RangeError(`unknown TrangThai ${row.TrangThai}`);
  return {
    dossierCode: row.MaHoSo,
    status,
    nationalStatusCode: Number(row.TrangThai),
    at: fromNationalTimestamp(row.ThoiDiemXuLy),
    handledBy: {
      name: row.NguoiXuLy ?? PORTAL_AS_HANDLER,
      ...(row.ChucDanh ? { title: row.ChucDanh } : {}),
      ...(row.PhongBanXuLy ? { department: row.PhongBanXuLy } : {}),
    },
    ...(row.NoiDungXuLy ? { note: row.NoiDungXuLy } : {}),
    // The promised date the step sets (toNationalProgressRow writes dueAt there).
    ...(row.NgayKetThucTheoQuyDinh ? { dueAt: fromNationalTimestamp(row.NgayKetThucTheoQuyDinh) } : {}),
  };
}
