import * as z from 'zod';
import { dossierCodeSchema, nationalTimestampSchema, procedureCodeSchema } from './codes';

/**
 * Wire format of the National Public Service Portal (DVCQG), DOMAIN.md "National portal —
 * dossier sync". Field names stay exactly as the portal spells them. Sources, as DOMAIN.md
 * marks them: [OCPS] VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl.java, [TH]
 * HuanVu201/DichVuCong_KhoaLuan_PASETO SyncLocalDataToDVCQGService.cs and GPLXService.cs.
 *
 * Two directions, two strictnesses:
 * - what the gateway SENDS follows the value conventions the real clients keep [OCPS, HG, TH]:
 *   every key of the object is present, every scalar is a string, an unknown value is "";
 * - what the gateway READS (pushes, TraCuuHoSo results) is written by others, so it is read
 *   tolerantly: "" or null is absent, numbers and booleans are read as strings, and the
 *   portal's flags arrive as "True"/"False" or "0"/"1" alike.
 */

/** An unknown value: the key is sent, with the empty string [OCPS createSyncDossierBodyRequest]. */
const blank = z.literal('');
const orBlank = <T extends z.ZodType>(schema: T) => z.union([schema, blank]);
const digits = z.string().regex(/^\d+$/);
/** Flags the indicators read are "0"/"1" [TH HoSoDongBoDVC]. */
const flag = z.enum(['0', '1']);
/** Booleans of attachments are the strings "True"/"False" [OCPS IsDeleted, TH bool.ToString()]. */
const trueFalse = z.enum(['True', 'False']);
const timestampOrBlank = orBlank(nationalTimestampSchema);

const NATIONAL_STATUS_CODES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
const statusCode = z.enum(NATIONAL_STATUS_CODES);

/** Login reply of the session transport; error_code arrives as 0 or "0". */
export const nationalLoginReplySchema = z.object({
  error_code: z.union([z.number(), z.string()]),
  message: z.string().optional(),
  session: z.string().optional(),
});

export const nationalReplySchema = z.object({
  error_code: z.union([z.string(), z.number()]),
  message: z.string().optional(),
  result: z.unknown().optional(),
});

/**
 * The numeric value of an error_code, which comes as `0` or `"0"` (DOMAIN.md: compare it as a
 * number; [OCPS] reads it with GetterUtil.getInteger(result.getString("error_code")) == 0).
 * NaN for anything that is not a whole number, so it never equals a known code.
 */
export function nationalErrorNumber(code: unknown): number {
  const text = typeof code === 'number' ? String(code) : typeof code === 'string' ? code.trim() : '';
  return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** Error codes of DOMAIN.md; 0 is success, 3/-3 "already exists" [TH], the rest [inferred]. */
export const nationalErrorCodes = {
  ok: 0,
  alreadyExists: [3, -3],
  authentication: 100,
  ipNotAllowed: 101,
  wrongAgency: 106,
  wrongProvince: 108,
  incompleteRecord: 200,
  notFound: 201,
  wrongDataType: 302,
  wrongData: 500,
} as const;

/**
 * config/national-reply-codes.json: which non-zero error_codes mean "this record is wrong" (the
 * message is parked for an administrator) rather than "try again later". The LGSP-level codes
 * are [inferred] (DOMAIN.md), so a deployment can change the list without a release; a code
 * listed nowhere is retried, so an unknown code never parks a dossier.
 */
export const nationalReplyCodesFileSchema = z.strictObject({
  rejected: z.array(z.number().int()).meta({
    description:
      'error_code values that park the message (permanent rejection); any other non-zero code is retried',
  }),
});

// --- What the gateway sends ----------------------------------------------------------------

/** TaiLieuNop item [OCPS, TH TaiLieuNopDongBoDVC]. */
export const nationalDocumentSchema = z.strictObject({
  TepDinhKemId: z.string(),
  TenTepDinhKem: z.string(),
  IsDeleted: trueFalse,
  MaThanhPhanHoSo: z.string(),
  DuongDanTaiTepTin: z.string(),
  DuocSoHoa: flag,
  /** 0 new, 1 reused, 2 reused from the citizen's store [TH TrangThaiSoHoa mapping]. */
  DuocTaiSuDung: z.enum(['0', '1', '2']),
  DuocLayTuKhoDMQG: flag,
  MaKetQuaThayThe: z.string(),
});

export const nationalFeeSchema = z.strictObject({
  TenPhiLePhi: z.string(),
  MaPhiLePhi: z.string(),
  HinhThucThu: z.string(),
  Gia: digits,
  LoaiPhiLePhi: z.string(),
});

/** DinhDanhCHS item: LoaiDinhDanh 1 CCCD (12 digits), 2 CMND (9 digits) [TH]. */
export const nationalIdentitySchema = z.strictObject({
  LoaiDinhDanh: z.enum(['1', '2']),
  SoDinhDanh: digits,
});

/** DanhSachHoSoBoSung item: one supplement request (DOMAIN.md; QĐ 766 indicator 2.1). */
export const nationalSupplementSchema = z.strictObject({
  HoSoBoSungId: z.string(),
  NguoiYeuCauBoSung: z.string(),
  NoiDungBoSung: z.string(),
  NgayBoSung: nationalTimestampSchema,
  NguoiTiepNhanBoSung: z.string(),
  ThongTinTiepNhan: z.string(),
  NgayTiepNhanBoSung: timestampOrBlank,
  /** 1 once the citizen's supplement was received [inferred]. */
  TrangThaiBoSung: flag,
  NgayHenTraTruoc: timestampOrBlank,
  NgayHenTraMoi: timestampOrBlank,
});

/** DanhSachGiayToKetQua item [OCPS, TH GiayToKetQua]; QĐ 766 3.3/4.1 read MaGiayToKetQua + the file. */
export const nationalResultSchema = z.strictObject({
  TenGiayTo: z.string(),
  MaThanhPhanHoSo: z.string(),
  GiayToId: z.string(),
  DuongDanTepTinKetQua: z.string(),
  MaGiayToKetQua: z.string(),
});

/** DanhSachTepDinhKemKhac item [OCPS, TH]; the provincial contract has no field for it yet. */
export const nationalOtherAttachmentSchema = z.strictObject({
  TenGiayTo: z.string(),
  SoLuong: digits,
  LoaiGiayTo: z.string(),
});

/** DSKetNoiCSDL item: a national database the dossier drew on (QĐ 766 4.5) [TH]. */
export const nationalDataSourceSchema = z.strictObject({ MaCSDL: z.string().min(1) });

/**
 * The dossier object of DongBoHoSoMC exactly as the gateway sends it: every key present
 * [OCPS createSyncDossierBodyRequest, TH HoSoDongBoDVC], "" where the value is unknown.
 */
export const nationalDossierSchema = z.strictObject({
  MaHoSo: dossierCodeSchema,
  MaTTHC: procedureCodeSchema,
  TenTTHC: z.string().min(1),
  MaLinhVuc: z.string(),
  TenLinhVuc: z.string(),
  KenhThucHien: z.enum(['1', '2', '3']),
  SoGiayToChuHoSo: z.string(),
  ChuHoSo: z.string().min(1),
  LoaiDoiTuong: z.enum(['1', '2', '3', '4']),
  /** The citizen's portal account id, online dossiers only [OCPS, TH]. */
  MaDoiTuong: z.string(),
  ThongTinKhac: z.string().max(2000),
  Email: z.string(),
  Fax: z.string(),
  SoDienThoai: z.string(),
  TrichYeuHoSo: z.string().min(1).max(1000),
  NgayTiepNhan: nationalTimestampSchema,
  NgayHenTra: nationalTimestampSchema,
  TrangThaiHoSo: statusCode,
  NgayTra: timestampOrBlank,
  ThongTinTra: z.string(),
  HinhThuc: z.enum(['0', '1']),
  NgayKetThucXuLy: timestampOrBlank,
  /** The processing unit's NAME [OCPS getGovAgencyName, TH GroupName, HG Org.FName]. */
  DonViXuLy: z.string().min(1),
  GhiChu: z.string().max(2000),
  NoiNopHoSo: z.string(),
  HoSoCoThanhPhanSoHoa: flag,
  TaiKhoanDuocXacThucVoiVNeID: flag,
  /** 0 not paid online, 1 national platform, 2 the province's gateway [766 3.6]; [TH] also 3. */
  DuocThanhToanTrucTuyen: z.enum(['0', '1', '2', '3']),
  NgayTuChoi: timestampOrBlank,
  NgayNopHoSo: timestampOrBlank,
  DinhDanhCHS: z.array(nationalIdentitySchema),
  DSKetNoiCSDL: z.array(nationalDataSourceSchema),
  TaiLieuNop: z.array(nationalDocumentSchema),
  DanhSachLePhi: z.array(nationalFeeSchema),
  DanhSachTepDinhKemKhac: z.array(nationalOtherAttachmentSchema),
  DanhSachHoSoBoSung: z.array(nationalSupplementSchema),
  DanhSachGiayToKetQua: z.array(nationalResultSchema),
});

export type NationalDossier = z.infer<typeof nationalDossierSchema>;

/** One CapNhatTienDoHoSoMC row as the gateway sends it: every key present [TH QuaTrinhXuLyDongBoDVC]. */
export const nationalProgressRowSchema = z.strictObject({
  MaHoSo: dossierCodeSchema,
  /** At most 50 characters [TH truncates]. */
  NguoiXuLy: z.string().min(1).max(50),
  ChucDanh: z.string(),
  ThoiDiemXuLy: nationalTimestampSchema,
  PhongBanXuLy: z.string(),
  NoiDungXuLy: z.string(),
  TrangThai: statusCode,
  NgayBatDau: timestampOrBlank,
  NgayKetThucTheoQuyDinh: timestampOrBlank,
});

export type NationalProgressRow = z.infer<typeof nationalProgressRowSchema>;

/** The portal takes at most ten progress rows per call [TH chunks of 10]. */
export const NATIONAL_PROGRESS_CHUNK = 10;

/** isUpdating of DongBoHoSoMC: the strings "True"/"False" [OCPS syncDossierAndDossierStatus, HG]. */
export const isUpdatingValue = (isUpdating: boolean): 'True' | 'False' => (isUpdating ? 'True' : 'False');

// --- What the gateway reads -----------------------------------------------------------------

/** A scalar as others write it: a string, or a number or boolean meant as one; "" or null is absent. */
const looseScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((value) => {
  if (value === null) return undefined;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  const text = String(value).trim();
  return text === '' ? undefined : text;
});
const optionalScalar = looseScalar.optional().transform((value) => value ?? undefined);
export const inboundText = (max = 4000) => optionalScalar.pipe(z.string().max(max).optional());
const inboundTimestamp = optionalScalar.pipe(nationalTimestampSchema.optional());
const inboundEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  optionalScalar.pipe(z.enum(values).optional());
/** "1"/"True" -> true, "0"/"False" -> false [OCPS "True"/"False", TH "0"/"1"]; absent stays absent. */
const inboundFlag = optionalScalar.pipe(
  z
    .enum(['0', '1', 'True', 'False', 'true', 'false'])
    .transform((value) => value === '1' || value.toLowerCase() === 'true')
    .optional(),
);
/** An array that may arrive as null or "" when empty. */
export const inboundList = <T extends z.ZodType>(item: T) =>
  z
    .union([z.array(item), z.null(), blank])
    .optional()
    .transform((value) => (Array.isArray(value) ? value : []));

export const inboundDocumentSchema = z.object({
  TepDinhKemId: inboundText(100),
  TenTepDinhKem: inboundText(),
  IsDeleted: inboundFlag,
  MaThanhPhanHoSo: inboundText(100),
  DuongDanTaiTepTin: inboundText(2000),
  DuocSoHoa: inboundFlag,
  DuocTaiSuDung: inboundEnum(['0', '1', '2']),
  DuocLayTuKhoDMQG: inboundFlag,
});

export const inboundFeeSchema = z.object({
  TenPhiLePhi: inboundText(),
  MaPhiLePhi: inboundText(),
  Gia: optionalScalar.pipe(digits.optional()),
});

export const inboundResultSchema = z.object({
  TenGiayTo: inboundText(),
  MaThanhPhanHoSo: inboundText(100),
  GiayToId: inboundText(100),
  DuongDanTepTinKetQua: inboundText(2000),
  MaGiayToKetQua: inboundText(100),
});

/**
 * A dossier record the portal writes: an online-submitted dossier it pushes, or what TraCuuHoSo
 * answers. Only MaHoSo and TrangThaiHoSo are always needed (the look-up compares the status);
 * a push needs more, and the translation names each missing field by the portal's name.
 * Unknown fields are ignored: the portal's record carries more than the gateway reads.
 */
export const inboundNationalDossierSchema = z
  .object({
    MaHoSo: optionalScalar.pipe(dossierCodeSchema),
    MaTTHC: optionalScalar.pipe(procedureCodeSchema.optional()),
    TenTTHC: inboundText(500),
    MaLinhVuc: inboundText(100),
    TenLinhVuc: inboundText(300),
    KenhThucHien: inboundEnum(['1', '2', '3']),
    SoGiayToChuHoSo: inboundText(50),
    ChuHoSo: inboundText(200),
    LoaiDoiTuong: inboundEnum(['1', '2', '3', '4']),
    MaDoiTuong: inboundText(100),
    ThongTinKhac: inboundText(2000),
    Email: inboundText(254),
    SoDienThoai: inboundText(50),
    TrichYeuHoSo: inboundText(1000),
    NgayTiepNhan: inboundTimestamp,
    NgayHenTra: inboundTimestamp,
    TrangThaiHoSo: optionalScalar.pipe(statusCode),
    NgayTra: inboundTimestamp,
    HinhThuc: inboundEnum(['0', '1']),
    NgayKetThucXuLy: inboundTimestamp,
    /** A unit's name; never used to route a push (the MaHoSo prefix is). */
    DonViXuLy: inboundText(300),
    GhiChu: inboundText(2000),
    TaiKhoanDuocXacThucVoiVNeID: inboundFlag,
    NgayTuChoi: inboundTimestamp,
    NgayNopHoSo: inboundTimestamp,
    DinhDanhCHS: inboundList(
      z.object({
        LoaiDinhDanh: optionalScalar,
        SoDinhDanh: optionalScalar.pipe(z.string().max(50).optional()),
      }),
    ),
    TaiLieuNop: inboundList(inboundDocumentSchema),
    DanhSachLePhi: inboundList(inboundFeeSchema),
    DanhSachGiayToKetQua: inboundList(inboundResultSchema),
  })
  .meta({
    id: 'NationalDossier',
    description:
      'A dossier record as the national portal writes it (DongBoHoSoMC dossier object). Read tolerantly: "" and null are absent, numbers may come as strings, flags as "True"/"False" or "0"/"1"; DonViXuLy is the unit’s name',
    example: {
      MaHoSo: '000.00.12.H12-250314-00008',
      MaTTHC: '1.010708.000.00.00.H12',
      TenTTHC: 'Đăng ký khai sinh',
      MaLinhVuc: '',
      KenhThucHien: '2',
      ChuHoSo: 'Lê Thị Cúc',
      LoaiDoiTuong: '1',
      MaDoiTuong: 'vneid-0012345',
      SoGiayToChuHoSo: '001203004568',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '001203004568' }],
      SoDienThoai: '0987654321',
      TrichYeuHoSo: 'Đăng ký khai sinh nộp trực tuyến',
      NgayNopHoSo: '20250314095500',
      NgayTiepNhan: '20250314100000',
      NgayHenTra: '20250317170000',
      NgayTra: '',
      TrangThaiHoSo: 1,
      HinhThuc: '0',
      DonViXuLy: 'UBND phường Hoàn Kiếm',
      TaiKhoanDuocXacThucVoiVNeID: '1',
      TaiLieuNop: [
        {
          TepDinhKemId: 'f-1',
          TenTepDinhKem: 'Tờ khai',
          IsDeleted: 'False',
          DuongDanTaiTepTin: 'https://dichvucong.gov.vn/files/f-1.pdf',
          DuocSoHoa: '1',
        },
      ],
    },
  });

export type InboundNationalDossier = z.output<typeof inboundNationalDossierSchema>;

/** A progress row the portal pushes (CapNhatTienDoHoSoMC), read with the same tolerance. */
export const inboundProgressRowSchema = z
  .object({
    MaHoSo: optionalScalar.pipe(dossierCodeSchema),
    NguoiXuLy: inboundText(200),
    ChucDanh: inboundText(100),
    ThoiDiemXuLy: optionalScalar.pipe(nationalTimestampSchema),
    PhongBanXuLy: inboundText(200),
    NoiDungXuLy: inboundText(2000),
    TrangThai: optionalScalar.pipe(statusCode),
    NgayBatDau: inboundTimestamp,
    NgayKetThucTheoQuyDinh: inboundTimestamp,
  })
  .meta({
    id: 'NationalProgressRow',
    description:
      'One CapNhatTienDoHoSoMC row: a processing step made on the national portal (read tolerantly, like NationalDossier)',
    example: {
      MaHoSo: '000.00.12.H12-250314-00008',
      NguoiXuLy: 'Phạm Văn Dũng',
      ChucDanh: 'Cán bộ tiếp nhận',
      ThoiDiemXuLy: '20250314103000',
      PhongBanXuLy: '',
      TrangThai: '2',
      NoiDungXuLy: 'Tiếp nhận hồ sơ trực tuyến',
      NgayKetThucTheoQuyDinh: '',
    },
  });

export type InboundProgressRow = z.output<typeof inboundProgressRowSchema>;

// --- Transports -----------------------------------------------------------------------------

/**
 * Session envelope [OCPS getAccessToken, syncData, getSharingDictCollection]: POST
 * {base}{auth} with {username, password}, then {session, madonvi, service, ...} to
 * {integration} for writes and to {share} for reads; the header `dstcode` on every call.
 * The three paths, madonvi and dstcode belong to the province's account. [TH]'s GPLX client
 * uses `mapi/login` and `mapi/g`. Which endpoint serves TraCuuHoSo is configurable: DOMAIN.md
 * reads it as the share endpoint, while [OCPS] searchDossier posts it to the integration one.
 */
export const sessionDefaultPaths = { auth: 'login', integration: 'service', share: 'share' } as const;

export type SessionPaths = { readonly [endpoint in keyof typeof sessionDefaultPaths]: string };

/**
 * LGSP REST transport [TH SyncLocalDataToDVCQGSetting: URLThemMoi, URLCapNhat,
 * URLDongBoTienTrinh]: one URL per operation, each taking a JSON array. [TH] sends no
 * Authorization header; the OAuth2 token and the `madonvi` header are [inferred] and
 * optional. Paths are [inferred] and configurable (docs/adr/0003); an absolute URL is used as it is.
 */
export const lgspDefaultPaths = {
  /** OAuth2 client credentials; WSO2 API Manager, which most LGSPs run on, serves it at /token. */
  token: 'token',
  /** DongBoHoSoMC, isUpdating "False" (URLThemMoi): body NationalDossier[]. */
  createDossier: 'dvcqg/hoso/dongbo',
  /** DongBoHoSoMC, isUpdating "True" (URLCapNhat): body NationalDossier[]. */
  updateDossier: 'dvcqg/hoso/capnhat',
  /** CapNhatTienDoHoSoMC (URLDongBoTienTrinh): body NationalProgressRow[], at most 10 rows. */
  updateProgress: 'dvcqg/tiendo/capnhat',
  /** TraCuuHoSo: body {mahoso}, the key the session transport uses [OCPS searchDossier]. */
  lookupDossier: 'dvcqg/hoso/tracuu',
  /** The catalogues: body {service: "LayDanhSachTTHC" | "LayDanhMucCoQuan" | "LayDanhMucLinhVuc"}. */
  catalogue: 'dvcqg/danhmuc',
} as const;

export type LgspPaths = { readonly [operation in keyof typeof lgspDefaultPaths]: string };

/** The header an LGSP may want the account's unit code in [inferred]; not sent unless configured. */
export const LGSP_AGENCY_HEADER = 'madonvi';

/** RFC 6749 section 5.1. Some servers send expires_in as a string; it is optional there. */
export const lgspTokenReplySchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.number().nonnegative(), digits.transform(Number)]).optional(),
});
