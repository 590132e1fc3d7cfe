import * as z from 'zod';

/**
 * The national portal's wire as this conformance kit reads the evidence, written apart from
 * the gateway's contracts on purpose: an independent reading is what lets the kit catch the
 * gateway's mistakes. Sources:
 * [OCPS] VietOpenCPS/opencps-v2, DVCQGIntegrationActionImpl.java (createSyncDossierBodyRequest,
 *        syncDossierAndDossierStatus, searchDossier, getAccessToken, syncData);
 * [TH]   HuanVu201/DichVuCong_KhoaLuan_PASETO, SyncLocalDataToDVCQGService.cs and
 *        ISyncLocalDataToDVCQGService.cs (HoSoDongBoDVC, QuaTrinhXuLyDongBoDVC), GPLXService.cs;
 * the codes the portal answers with follow DOMAIN.md (0 ok, 3/-3 exists, 100 session, 106
 * unit, 200 incomplete, 201 not found, 302 data type, 500 data) where the evidence has none.
 */

export const portalCodes = {
  ok: 0,
  exists: -3,
  session: 100,
  wrongUnit: 106,
  incomplete: 200,
  notFound: 201,
  wrongType: 302,
  wrongData: 500,
} as const;

/** Every scalar of the portal's objects is a string [OCPS JSONObject.put of strings, TH string properties]. */
const text = z.string();
const filled = z.string().min(1);
/** yyyyMMddHHmmss, Vietnam time [OCPS convertDate2String "yyyyMMddHHmmss", Asia/Ho_Chi_Minh]. */
const stamp = z.string().regex(/^\d{14}$/);
/** Unknown values are "" with the key present [OCPS StringPool.BLANK]. */
const stampOrBlank = z.union([stamp, z.literal('')]);
const zeroOne = z.enum(['0', '1']);
const statusCode = z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
/** <unit code>-<yyMMdd>-<4 or more digits> [TH GetMaHoSo issues 5 digits]. */
export const dossierCodePattern = /^(\d{3}\.\d{2}\.\d{2}\.[HG]\d{2})-\d{6}-\d{4,}$/;

const attachment = z.strictObject({
  TepDinhKemId: text,
  TenTepDinhKem: filled,
  /** The strings "True"/"False" [OCPS data.put("IsDeleted", "False"), TH bool.ToString()]. */
  IsDeleted: z.enum(['True', 'False']),
  MaThanhPhanHoSo: text,
  DuongDanTaiTepTin: filled,
  DuocSoHoa: zeroOne,
  DuocTaiSuDung: z.enum(['0', '1', '2']),
  DuocLayTuKhoDMQG: zeroOne,
  MaKetQuaThayThe: text,
});

/** The dossier object of DongBoHoSoMC: each of these keys, always [TH HoSoDongBoDVC]. */
export const portalDossierSchema = z.strictObject({
  MaHoSo: z.string().regex(dossierCodePattern),
  MaTTHC: filled,
  TenTTHC: filled,
  MaLinhVuc: text,
  TenLinhVuc: text,
  KenhThucHien: z.enum(['1', '2', '3']),
  SoGiayToChuHoSo: text,
  ChuHoSo: filled,
  LoaiDoiTuong: z.enum(['1', '2', '3', '4']),
  MaDoiTuong: text,
  ThongTinKhac: text,
  Email: text,
  Fax: text,
  SoDienThoai: text,
  TrichYeuHoSo: z.string().min(1).max(1000),
  NgayTiepNhan: stamp,
  /** [TH] syncs a dossier without a promised date as "". */
  NgayHenTra: stampOrBlank,
  TrangThaiHoSo: statusCode,
  NgayTra: stampOrBlank,
  ThongTinTra: text,
  HinhThuc: zeroOne,
  NgayKetThucXuLy: stampOrBlank,
  /** A unit's name [OCPS getGovAgencyName, TH GroupName]. */
  DonViXuLy: filled,
  GhiChu: text,
  NoiNopHoSo: text,
  HoSoCoThanhPhanSoHoa: zeroOne,
  TaiKhoanDuocXacThucVoiVNeID: zeroOne,
  DuocThanhToanTrucTuyen: z.enum(['0', '1', '2', '3']),
  NgayTuChoi: stampOrBlank,
  NgayNopHoSo: stampOrBlank,
  DinhDanhCHS: z.array(z.strictObject({ LoaiDinhDanh: z.enum(['1', '2']), SoDinhDanh: filled })),
  DSKetNoiCSDL: z.array(z.strictObject({ MaCSDL: filled })),
  TaiLieuNop: z.array(attachment),
  DanhSachLePhi: z.array(
    z.strictObject({
      TenPhiLePhi: filled,
      MaPhiLePhi: text,
      HinhThucThu: text,
      Gia: z.string().regex(/^\d+$/),
      LoaiPhiLePhi: text,
    }),
  ),
  DanhSachTepDinhKemKhac: z.array(
    z.strictObject({ TenGiayTo: filled, SoLuong: z.string().regex(/^\d+$/), LoaiGiayTo: text }),
  ),
  DanhSachHoSoBoSung: z.array(
    z.strictObject({
      HoSoBoSungId: filled,
      NguoiYeuCauBoSung: text,
      NoiDungBoSung: text,
      NgayBoSung: stamp,
      NguoiTiepNhanBoSung: text,
      ThongTinTiepNhan: text,
      NgayTiepNhanBoSung: stampOrBlank,
      TrangThaiBoSung: zeroOne,
      NgayHenTraTruoc: stampOrBlank,
      NgayHenTraMoi: stampOrBlank,
    }),
  ),
  DanhSachGiayToKetQua: z.array(
    z.strictObject({
      TenGiayTo: filled,
      MaThanhPhanHoSo: text,
      GiayToId: text,
      DuongDanTepTinKetQua: filled,
      MaGiayToKetQua: text,
    }),
  ),
});

export type PortalDossier = z.infer<typeof portalDossierSchema>;

/** A CapNhatTienDoHoSoMC row: each key, always [TH QuaTrinhXuLyDongBoDVC, OCPS createSyncDossierStatusBodyRequest]. */
export const portalProgressRowSchema = z.strictObject({
  MaHoSo: z.string().regex(dossierCodePattern),
  /** At most 50 characters [TH truncates to 46 + "..."]. */
  NguoiXuLy: z.string().min(1).max(50),
  ChucDanh: text,
  ThoiDiemXuLy: stamp,
  PhongBanXuLy: text,
  NoiDungXuLy: text,
  TrangThai: statusCode,
  NgayBatDau: stampOrBlank,
  NgayKetThucTheoQuyDinh: stampOrBlank,
});

export type PortalProgressRow = z.infer<typeof portalProgressRowSchema>;

/** At most ten rows a call [TH chunks of 10]. */
export const ROWS_PER_CALL = 10;

/** isUpdating is the string "True" or "False" [OCPS syncDossierAndDossierStatus]; a boolean is refused. */
export const isUpdatingSchema = z.enum(['True', 'False']);

/** TraCuuHoSo's key is lowercase `mahoso` [OCPS searchDossier, TH GPLXService]. */
export const lookupSchema = z.object({ mahoso: z.string().regex(dossierCodePattern) });

export interface PortalReply {
  readonly error_code: number;
  readonly message: string;
  readonly result?: unknown;
}

/** The value a body holds at an issue's path. */
function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * The portal's own answer to a body that breaks its format: a missing key is an incomplete
 * record (200), a number or a boolean where a string is due a data-type error (302), anything
 * else wrong data (500); each problem named by the portal's field path.
 */
export function refusalOf(error: z.ZodError, body: unknown): PortalReply {
  const kinds = error.issues.map((issue) => {
    const value = valueAt(body, issue.path);
    if (value === undefined) return portalCodes.incomplete;
    return typeof value === 'number' || typeof value === 'boolean'
      ? portalCodes.wrongType
      : portalCodes.wrongData;
  });
  const code = kinds.includes(portalCodes.incomplete)
    ? portalCodes.incomplete
    : kinds.includes(portalCodes.wrongType)
      ? portalCodes.wrongType
      : portalCodes.wrongData;
  const problems = error.issues
    .slice(0, 20)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  const title = {
    [portalCodes.incomplete]: 'Thiếu dữ liệu',
    [portalCodes.wrongType]: 'Sai kiểu dữ liệu',
    [portalCodes.wrongData]: 'Dữ liệu không hợp lệ',
  };
  return { error_code: code, message: `${title[code]}: ${problems.join('; ')}` };
}
