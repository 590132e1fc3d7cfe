import * as z from 'zod';
import { agencyCodeSchema, dossierCodeSchema, nationalTimestampSchema, procedureCodeSchema } from './codes';

/**
 * Wire format of the National Public Service Portal (DVCQG), DOMAIN.md "National portal —
 * dossier sync". Field names stay exactly as the portal spells them. Every scalar is a
 * string on this wire.
 */

const digits = z.string().regex(/^\d+$/);
const optionalText = (max: number) => z.string().max(max).optional();

export const nationalLoginRequestSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
});

export const nationalLoginReplySchema = z.object({
  error_code: z.union([z.literal(0), z.literal('0'), z.number(), z.string()]),
  message: z.string().optional(),
  session: z.string().optional(),
});

export const nationalReplySchema = z.object({
  error_code: z.union([z.string(), z.number()]),
  message: z.string().optional(),
  result: z.unknown().optional(),
});

export const nationalDocumentSchema = z.object({
  TepDinhKemId: z.string(),
  TenTepDinhKem: z.string(),
  IsDeleted: z.enum(['0', '1']),
  MaThanhPhanHoSo: z.string().optional(),
  DuongDanTaiTepTin: z.string(),
  DuocSoHoa: z.enum(['0', '1']),
  DuocTaiSuDung: z.enum(['0', '1']),
  DuocLayTuKhoDMQG: z.enum(['0', '1']),
});

export const nationalFeeSchema = z.object({
  TenPhiLePhi: z.string(),
  MaPhiLePhi: z.string(),
  HinhThucThu: z.string(),
  Gia: digits,
  LoaiPhiLePhi: z.string(),
});

export const nationalIdentitySchema = z.object({ LoaiDinhDanh: z.enum(['1', '2']), SoDinhDanh: digits });

/** The dossier object of DongBoHoSoMC. */
export const nationalDossierSchema = z
  .object({
    MaHoSo: dossierCodeSchema,
    MaTTHC: procedureCodeSchema,
    TenTTHC: z.string().min(1),
    MaLinhVuc: z.string().optional(),
    TenLinhVuc: z.string().optional(),
    KenhThucHien: z.enum(['1', '2', '3']),
    SoGiayToChuHoSo: z.string().optional(),
    ChuHoSo: z.string().min(1),
    LoaiDoiTuong: z.enum(['1', '2', '3', '4']),
    MaDoiTuong: z.string().optional(),
    ThongTinKhac: optionalText(2000),
    Email: z.string().optional(),
    Fax: z.string().optional(),
    SoDienThoai: z.string().optional(),
    TrichYeuHoSo: z.string().min(1).max(1000),
    NgayTiepNhan: nationalTimestampSchema,
    NgayHenTra: nationalTimestampSchema,
    TrangThaiHoSo: z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']),
    NgayTra: nationalTimestampSchema.optional(),
    ThongTinTra: z.string().optional(),
    HinhThuc: z.enum(['0', '1']),
    NgayKetThucXuLy: nationalTimestampSchema.optional(),
    DonViXuLy: agencyCodeSchema,
    GhiChu: optionalText(2000),
    NoiNopHoSo: z.string().optional(),
    HoSoCoThanhPhanSoHoa: z.enum(['0', '1']).optional(),
    TaiKhoanDuocXacThucVoiVNeID: z.enum(['0', '1']).optional(),
    DuocThanhToanTrucTuyen: z.enum(['0', '1']).optional(),
    NgayTuChoi: nationalTimestampSchema.optional(),
    NgayNopHoSo: nationalTimestampSchema.optional(),
    DinhDanhCHS: z.array(nationalIdentitySchema).optional(),
    TaiLieuNop: z.array(nationalDocumentSchema).optional(),
    DanhSachLePhi: z.array(nationalFeeSchema).optional(),
  })
  .meta({
    id: 'NationalDossier',
    description: 'The dossier object of DongBoHoSoMC, as the national portal spells it',
    example: {
      MaHoSo: '000.00.12.H12-250314-0008',
      MaTTHC: '1.010708.000.00.00.H12',
      TenTTHC: 'Đăng ký khai sinh',
      KenhThucHien: '2',
      ChuHoSo: 'Lê Thị Cúc',
      LoaiDoiTuong: '1',
      SoGiayToChuHoSo: '001203004568',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '001203004568' }],
      SoDienThoai: '0987654321',
      TrichYeuHoSo: 'Đăng ký khai sinh nộp trực tuyến',
      NgayTiepNhan: '20250314100000',
      NgayHenTra: '20250317170000',
      TrangThaiHoSo: '1',
      HinhThuc: '0',
      DonViXuLy: '000.00.12.H12',
    },
  });

export type NationalDossier = z.infer<typeof nationalDossierSchema>;

/** One row of CapNhatTienDoHoSoMC: a processing step of a dossier. */
export const nationalProgressRowSchema = z
  .object({
    MaHoSo: dossierCodeSchema,
    NguoiXuLy: z.string().min(1).max(50),
    ChucDanh: z.string().max(100).optional(),
    ThoiDiemXuLy: nationalTimestampSchema,
    PhongBanXuLy: z.string().max(200).optional(),
    NoiDungXuLy: z.string().max(2000).optional(),
    TrangThai: z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']),
    NgayBatDau: nationalTimestampSchema.optional(),
    NgayKetThucTheoQuyDinh: nationalTimestampSchema.optional(),
  })
  .meta({
    id: 'NationalProgressRow',
    description: 'One CapNhatTienDoHoSoMC row: a processing step made on the national portal',
    example: {
      MaHoSo: '000.00.12.H12-250314-0008',
      NguoiXuLy: 'Phạm Văn Dũng',
      ChucDanh: 'Cán bộ tiếp nhận',
      ThoiDiemXuLy: '20250314103000',
      TrangThai: '2',
      NoiDungXuLy: 'Tiếp nhận hồ sơ trực tuyến',
    },
  });

export type NationalProgressRow = z.infer<typeof nationalProgressRowSchema>;

/** The portal takes at most ten progress rows per call (DOMAIN.md). */
export const NATIONAL_PROGRESS_CHUNK = 10;

/** Session-envelope call: POST {base}/service. */
export const nationalServiceRequestSchema = z.discriminatedUnion('service', [
  z.object({
    session: z.string().min(1),
    madonvi: agencyCodeSchema,
    service: z.literal('DongBoHoSoMC'),
    isUpdating: z.union([z.boolean(), z.enum(['true', 'false'])]),
    data: z.array(nationalDossierSchema).min(1),
  }),
  z.object({
    session: z.string().min(1),
    madonvi: agencyCodeSchema,
    service: z.literal('CapNhatTienDoHoSoMC'),
    data: z.array(nationalProgressRowSchema).min(1).max(NATIONAL_PROGRESS_CHUNK),
  }),
  z.object({
    session: z.string().min(1),
    madonvi: agencyCodeSchema,
    service: z.literal('TraCuuHoSo'),
    MaHoSo: dossierCodeSchema,
  }),
]);

/** Error codes of DOMAIN.md; "0" is success. */
export const nationalErrorCodes = {
  ok: '0',
  alreadyExists: ['3', '-3'],
  authentication: '100',
  ipNotAllowed: '101',
  wrongAgency: '106',
  wrongProvince: '108',
  incompleteRecord: '200',
  notFound: '201',
  wrongDataType: '302',
  wrongData: '500',
} as const;

/**
 * LGSP REST transport (DOMAIN.md, "National portal — dossier sync"): a Bearer token from the
 * LGSP's OAuth2 token endpoint, then one URL per operation, each taking a JSON array and
 * answering the same {error_code, message} envelope. The paths are [inferred] — no public
 * spec — so every one is configurable; these are the defaults (docs/adr/0003). Paths resolve
 * against the LGSP base URL; an absolute URL is used as it is.
 */
export const lgspDefaultPaths = {
  /** OAuth2 client credentials; WSO2 API Manager, which most LGSPs run on, serves it at /token. */
  token: 'token',
  /** DongBoHoSoMC, isUpdating false: body NationalDossier[]. */
  createDossier: 'dvcqg/hoso/dongbo',
  /** DongBoHoSoMC, isUpdating true: body NationalDossier[]. */
  updateDossier: 'dvcqg/hoso/capnhat',
  /** CapNhatTienDoHoSoMC: body NationalProgressRow[], at most NATIONAL_PROGRESS_CHUNK rows. */
  updateProgress: 'dvcqg/tiendo/capnhat',
  /** TraCuuHoSo: body {MaHoSo}. */
  lookupDossier: 'dvcqg/hoso/tracuu',
} as const;

export type LgspPaths = { readonly [operation in keyof typeof lgspDefaultPaths]: string };

/**
 * The body of an LGSP call is the bare array, so the agency the call acts for travels in a
 * header (the session transport puts `madonvi` in its envelope instead).
 */
export const LGSP_AGENCY_HEADER = 'madonvi';

/** RFC 6749 section 5.1. Some servers send expires_in as a string; it is optional there. */
export const lgspTokenReplySchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.number().nonnegative(), digits.transform(Number)]).optional(),
});

export const lgspDossierBatchSchema = z.array(nationalDossierSchema).min(1);
export const lgspProgressBatchSchema = z.array(nationalProgressRowSchema).min(1).max(NATIONAL_PROGRESS_CHUNK);
export const lgspLookupRequestSchema = z.object({ MaHoSo: dossierCodeSchema });
