import * as z from 'zod';
import { type PortalReply, portalCodes, refusalOf } from './national-wire';

/**
 * Citizens' feedback (phản ánh, kiến nghị — PAKN) and ratings as this kit's portal keeps them.
 * The field lists are not public (DOMAIN.md); this is the kit's reading, written apart from the
 * gateway's. Sourced [OCPS] VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl.java
 * (doSyncSharingQA, extractFAQResult): the list `LayDanhSachHoiDapGuiTuDVCQG` on the share
 * endpoint, rows with HOIDAPID (a number), NOIDUNG, MADONVI, TENDONVI, MALINHVUC, MATTHCDP,
 * HOVATEN, THUDIENTU, SODIENTHOAI, DIACHI, TRANGTHAI, TRALOIID, NOIDUNGTRALOI; the answer method
 * `DongBoKetQuaHoiDapGuiTuDVCQG`. The kit's own choices, [inferred]: TIEUDE, NGAYGUI,
 * NGAYCHUYEN, MAHOSO; the ratings list `LayDanhSachDanhGiaGuiTuDVCQG` and its row; the reply
 * row {HOIDAPID, TRANGTHAI, NOIDUNGTRALOI, NOIDUNGXULY, NGUOIXULY, CHUCVU, NGAYXULY}, all strings.
 */

export const feedbackServices = {
  list: 'LayDanhSachHoiDapGuiTuDVCQG',
  ratings: 'LayDanhSachDanhGiaGuiTuDVCQG',
  reply: 'DongBoKetQuaHoiDapGuiTuDVCQG',
} as const;

const stamp = z.string().regex(/^\d{14}$/);

/** A feedback row as the portal lists it: numbers where [OCPS] reads numbers (getLong). */
export const portalFeedbackSchema = z.strictObject({
  HOIDAPID: z.number().int().positive(),
  TIEUDE: z.string(),
  NOIDUNG: z.string().min(1),
  MADONVI: z.string().regex(/^\d{3}\.\d{2}\.\d{2}\.[HG]\d{2}$/),
  TENDONVI: z.string(),
  MALINHVUC: z.string(),
  MATTHCDP: z.string(),
  MAHOSO: z.string(),
  HOVATEN: z.string(),
  THUDIENTU: z.string(),
  SODIENTHOAI: z.string(),
  DIACHI: z.string(),
  TRANGTHAI: z.string(),
  NGAYGUI: stamp,
  NGAYCHUYEN: z.string(),
  TRALOIID: z.number().int().min(0),
  NOIDUNGTRALOI: z.string(),
});
export type PortalFeedback = z.infer<typeof portalFeedbackSchema>;

export const portalRatingSchema = z.strictObject({
  DANHGIAID: z.string().min(1),
  MADONVI: z.string().regex(/^\d{3}\.\d{2}\.\d{2}\.[HG]\d{2}$/),
  HOIDAPID: z.string(),
  MAHOSO: z.string(),
  HAILONG: z.enum(['0', '1']),
  NOIDUNG: z.string(),
  NGAYDANHGIA: stamp,
});
export type PortalRating = z.infer<typeof portalRatingSchema>;

/** What the kit takes from the gateway: every key present, every scalar a string. */
export const portalFeedbackReplySchema = z.strictObject({
  HOIDAPID: z.string().regex(/^\d+$/),
  TRANGTHAI: z.enum(['2', '3', '4', '5', '6']),
  NOIDUNGTRALOI: z.string(),
  NOIDUNGXULY: z.string(),
  NGUOIXULY: z.string().min(1),
  CHUCVU: z.string(),
  NGAYXULY: stamp,
});
export type PortalFeedbackReply = z.infer<typeof portalFeedbackReplySchema>;

/** POST /_sim/feedback: add feedback rows and ratings (the portal's citizens writing), or restore the sample. */
export const feedbackChangeSchema = z.strictObject({
  reset: z.boolean().optional(),
  /** Drop the samples: the lists hold only what a test adds. */
  empty: z.boolean().optional(),
  feedback: z.array(portalFeedbackSchema).max(5000).default([]),
  ratings: z.array(portalRatingSchema).max(5000).default([]),
});

const row = (fields: Partial<PortalFeedback> & Pick<PortalFeedback, 'HOIDAPID' | 'NOIDUNG' | 'MADONVI'>) =>
  portalFeedbackSchema.parse({
    TIEUDE: '',
    TENDONVI: '',
    MALINHVUC: '',
    MATTHCDP: '',
    MAHOSO: '',
    HOVATEN: '',
    THUDIENTU: '',
    SODIENTHOAI: '',
    DIACHI: '',
    TRANGTHAI: '1',
    NGAYGUI: '20250115091500',
    NGAYCHUYEN: '',
    TRALOIID: 0,
    NOIDUNGTRALOI: '',
    ...fields,
  });

/** Sample feedback for the demo province H12, in Vietnamese, as citizens write it. */
function sampleFeedback(): PortalFeedback[] {
  return [
    row({
      HOIDAPID: 240118,
      TIEUDE: 'Chậm trả kết quả đăng ký khai sinh',
      NOIDUNG:
        'Tôi nộp hồ sơ đăng ký khai sinh cho con ngày 02/01/2025, giấy hẹn trả ngày 06/01 nhưng đến nay chưa nhận được kết quả. Đề nghị phường kiểm tra.',
      MADONVI: '000.00.12.H12',
      TENDONVI: 'UBND phường Hoàn Kiếm (demo)',
      MALINHVUC: 'G09-TP05',
      HOVATEN: 'Lê Văn Cường',
      THUDIENTU: 'cuong.le@example.vn',
      SODIENTHOAI: '0912345678',
      DIACHI: 'Số 5 Hàng Bài, phường Hoàn Kiếm',
      NGAYGUI: '20250115091500',
    }),
    row({
      HOIDAPID: 240131,
      TIEUDE: 'Hỏi về lệ phí cấp giấy phép xây dựng',
      NOIDUNG:
        'Xin hỏi lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ hiện nay là bao nhiêu và có được nộp trực tuyến không?',
      MADONVI: '000.00.13.H12',
      TENDONVI: 'Sở Xây dựng (demo H12)',
      HOVATEN: 'Phạm Thị Mai',
      THUDIENTU: 'mai.pham@example.vn',
      SODIENTHOAI: '0987654321',
      NGAYGUI: '20250116140000',
    }),
    row({
      HOIDAPID: 240152,
      TIEUDE: 'Cán bộ tiếp nhận hướng dẫn chưa rõ',
      NOIDUNG:
        'Khi nộp hồ sơ chứng thực tại bộ phận một cửa, tôi phải đi lại 3 lần vì mỗi lần được hướng dẫn bổ sung một giấy tờ khác nhau.',
      MADONVI: '000.34.12.H12',
      TENDONVI: 'Bộ phận Một cửa phường Hoàn Kiếm (demo)',
      HOVATEN: 'Trần Quốc Huy',
      SODIENTHOAI: '0903111222',
      NGAYGUI: '20250117083000',
      NGAYCHUYEN: '20250117150000',
    }),
  ];
}

function sampleRatings(): PortalRating[] {
  return [
    {
      DANHGIAID: 'DG-250120-0001',
      MADONVI: '000.00.12.H12',
      HOIDAPID: '',
      MAHOSO: '000.00.12.H12-250102-0001',
      HAILONG: '0',
      NOIDUNG: 'Trả kết quả chậm so với giấy hẹn.',
      NGAYDANHGIA: '20250120100000',
    },
  ];
}

/**
 * The feedback lists on the share endpoint and the reply method on the integration endpoint. A
 * reply about an item the portal does not hold is refused (201), one that breaks the row's
 * format with the portal's own refusal; a taken reply is kept on the item, in arrival order.
 */
export function createFeedbackService() {
  let feedback = new Map<number, PortalFeedback>();
  let ratings = new Map<string, PortalRating>();
  const replies = new Map<string, PortalFeedbackReply[]>();
  const restore = (withSamples: boolean) => {
    feedback = new Map(withSamples ? sampleFeedback().map((item) => [item.HOIDAPID, item]) : []);
    ratings = new Map(withSamples ? sampleRatings().map((rating) => [rating.DANHGIAID, rating]) : []);
    replies.clear();
  };
  restore(true);

  return {
    reset: () => restore(true),
    replies,
    change(change: z.infer<typeof feedbackChangeSchema>) {
      if (change.reset || change.empty) restore(!change.empty);
      for (const item of change.feedback) feedback.set(item.HOIDAPID, item);
      for (const rating of change.ratings) ratings.set(rating.DANHGIAID, rating);
      return { feedback: feedback.size, ratings: ratings.size };
    },
    /** A read on the share endpoint, or undefined when the service is not a feedback list. */
    answerList(service: unknown): PortalReply | undefined {
      if (service === feedbackServices.list) {
        return { error_code: portalCodes.ok, message: 'Thành công', result: [...feedback.values()] };
      }
      if (service === feedbackServices.ratings) {
        return { error_code: portalCodes.ok, message: 'Thành công', result: [...ratings.values()] };
      }
      return undefined;
    },
    /** DongBoKetQuaHoiDapGuiTuDVCQG {data: [row]}. */
    reply(data: unknown): PortalReply {
      const parsed = z.array(portalFeedbackReplySchema).min(1).max(10).safeParse(data);
      if (!parsed.success) return refusalOf(parsed.error, data);
      const unknown = parsed.data.find((reply) => !feedback.has(Number(reply.HOIDAPID)));
      if (unknown) {
        return { error_code: portalCodes.notFound, message: `Không tìm thấy câu hỏi ${unknown.HOIDAPID}` };
      }
      for (const reply of parsed.data) {
        replies.set(reply.HOIDAPID, [...(replies.get(reply.HOIDAPID) ?? []), reply]);
        const item = feedback.get(Number(reply.HOIDAPID));
        if (item && reply.NOIDUNGTRALOI !== '') {
          feedback.set(item.HOIDAPID, {
            ...item,
            TRALOIID: item.HOIDAPID,
            NOIDUNGTRALOI: reply.NOIDUNGTRALOI,
          });
        }
      }
      return { error_code: portalCodes.ok, message: 'Đồng bộ kết quả hỏi đáp thành công' };
    },
  };
}
