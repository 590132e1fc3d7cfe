import * as z from 'zod';
import { nationalTimestampSchema } from './codes';
import { inboundText } from './national-portal';

/**
 * The national portal's feedback (PAKN) and rating wire, the only module that spells it
 * (docs/adr/0017). Sourced from [OCPS] VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl.java
 * (doSyncSharingQA, extractFAQResult): `LayDanhSachHoiDapGuiTuDVCQG` is asked on the share
 * endpoint and its `result` rows carry HOIDAPID (a number; <= 0 is skipped), NOIDUNG, MADONVI,
 * TENDONVI, MALINHVUC, MATTHCDP, HOVATEN, THUDIENTU, SODIENTHOAI, DIACHI, TRANGTHAI (0 is
 * skipped), TRALOIID and NOIDUNGTRALOI. `DongBoKetQuaHoiDapGuiTuDVCQG` (the province's answer)
 * and `DongBoDanhGia` are listed as methods, without bodies. Everything else here is
 * [inferred] and configurable (functions/adapters/session-national-feedback.ts options):
 * TIEUDE, NGAYGUI, NGAYCHUYEN, MAHOSO of a feedback row; the rating list's service and its row;
 * the answer and state rows sent back, and the state codes.
 */

export const nationalFeedbackServices = {
  /** [OCPS] the feedback citizens sent to the province on the portal. */
  list: 'LayDanhSachHoiDapGuiTuDVCQG',
  /** [inferred] the ratings of the province's answers and dossiers. */
  ratings: 'LayDanhSachDanhGiaGuiTuDVCQG',
  /** [OCPS] the province's answer (and, [inferred], its other steps) to a feedback item. */
  answer: 'DongBoKetQuaHoiDapGuiTuDVCQG',
} as const;
export type NationalFeedbackServices = { readonly [key in keyof typeof nationalFeedbackServices]: string };

/** [inferred] TRANGTHAI of a feedback item as the answer row sends it. */
export const nationalFeedbackStateCodes = {
  waiting: '1',
  received: '2',
  more_info_requested: '3',
  refused: '4',
  answered: '5',
  published: '6',
} as const;

const looseId = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .pipe(z.string().regex(/^[0-9A-Za-z_-]{1,64}$/));
const inboundTimestamp = inboundText(14).pipe(nationalTimestampSchema.optional());

/** One row of LayDanhSachHoiDapGuiTuDVCQG's `result`, read tolerantly like every national read. */
export const inboundFeedbackRowSchema = z
  .object({
    HOIDAPID: looseId,
    NOIDUNG: inboundText(20_000).pipe(z.string().min(1)),
    MADONVI: inboundText(20).pipe(z.string().min(1)),
    TENDONVI: inboundText(500),
    MALINHVUC: inboundText(100),
    MATTHCDP: inboundText(100),
    HOVATEN: inboundText(200),
    THUDIENTU: inboundText(200),
    SODIENTHOAI: inboundText(30),
    DIACHI: inboundText(500),
    TRANGTHAI: inboundText(4),
    TIEUDE: inboundText(1000),
    NGAYGUI: inboundTimestamp.pipe(z.string()),
    NGAYCHUYEN: inboundTimestamp,
    MAHOSO: inboundText(100),
  })
  .meta({
    id: 'NationalFeedbackRow',
    description: 'One LayDanhSachHoiDapGuiTuDVCQG row: a citizen’s feedback (PAKN) addressed to an agency',
    example: {
      HOIDAPID: 240118,
      TIEUDE: 'Chậm trả kết quả cấp phiếu lý lịch tư pháp',
      NOIDUNG: 'Tôi nộp hồ sơ ngày 02/01/2025, hẹn trả ngày 12/01 nhưng đến nay chưa nhận được kết quả.',
      MADONVI: '000.00.12.H12',
      TENDONVI: 'Sở Tư pháp tỉnh (mô phỏng)',
      HOVATEN: 'Lê Văn Cường',
      THUDIENTU: 'cuong.le@example.vn',
      SODIENTHOAI: '0912345678',
      TRANGTHAI: '1',
      NGAYGUI: '20250115091500',
    },
  });
export type InboundFeedbackRow = z.output<typeof inboundFeedbackRowSchema>;

/** [inferred] One row of the ratings list: a like (HAILONG 1) or dislike (0) of an answer or a dossier. */
export const inboundRatingRowSchema = z
  .object({
    DANHGIAID: looseId,
    MADONVI: inboundText(20).pipe(z.string().min(1)),
    HOIDAPID: inboundText(64),
    MAHOSO: inboundText(100),
    HAILONG: inboundText(1).pipe(z.enum(['0', '1'])),
    NOIDUNG: inboundText(4000),
    NGAYDANHGIA: inboundTimestamp.pipe(z.string()),
  })
  .meta({
    id: 'NationalRatingRow',
    description:
      'One rating row [inferred]: HAILONG 1 a like, 0 a dislike, of a feedback answer (HOIDAPID) or a dossier (MAHOSO)',
    example: {
      DANHGIAID: 'DG-1',
      MADONVI: '000.00.12.H12',
      HOIDAPID: '240118',
      HAILONG: '0',
      NGAYDANHGIA: '20250120100000',
    },
  });
export type InboundRatingRow = z.output<typeof inboundRatingRowSchema>;

/**
 * [inferred] The row DongBoKetQuaHoiDapGuiTuDVCQG carries in `data`: the answer (NOIDUNGTRALOI,
 * the name OCPS reads back) or another step; every key present, every scalar a string, as the
 * portal's other writes.
 */
export const nationalFeedbackReplyRowSchema = z.strictObject({
  HOIDAPID: z.string().min(1),
  TRANGTHAI: z.string().min(1),
  NOIDUNGTRALOI: z.string(),
  NOIDUNGXULY: z.string(),
  NGUOIXULY: z.string().min(1),
  CHUCVU: z.string(),
  NGAYXULY: nationalTimestampSchema,
});
export type NationalFeedbackReplyRow = z.infer<typeof nationalFeedbackReplyRowSchema>;
