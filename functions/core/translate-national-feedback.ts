import type {
  FeedbackReceivedData,
  FeedbackReplyMessage,
  FeedbackState,
  RatingReceivedData,
} from '../../contracts/feedback';
import type {
  InboundFeedbackRow,
  InboundRatingRow,
  NationalFeedbackReplyRow,
} from '../../contracts/national-feedback';
import { fromNationalTimestamp, toNationalTimestamp } from './national-time';

const present = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** A LayDanhSachHoiDapGuiTuDVCQG row as provincial systems receive it (`feedback.received`). */
export function fromNationalFeedbackRow(row: InboundFeedbackRow): FeedbackReceivedData {
  return {
    feedbackId: row.HOIDAPID,
    agencyCode: row.MADONVI,
    ...present('agencyName', row.TENDONVI),
    ...present('title', row.TIEUDE),
    content: row.NOIDUNG,
    ...present('fieldCode', row.MALINHVUC),
    ...present('procedureCode', row.MATTHCDP),
    ...present('dossierCode', row.MAHOSO),
    citizen: {
      // [OCPS extractFAQResult] falls back to its own user when HOVATEN is empty: an anonymous writer.
      name: row.HOVATEN ?? 'Ẩn danh',
      ...present('phone', row.SODIENTHOAI),
      ...present('email', row.THUDIENTU),
      ...present('address', row.DIACHI),
    },
    sentAt: fromNationalTimestamp(row.NGAYGUI),
    ...present(
      'forwardedAt',
      row.NGAYCHUYEN === undefined ? undefined : fromNationalTimestamp(row.NGAYCHUYEN),
    ),
  };
}

/** [inferred] A ratings row as provincial systems receive it (`rating.received`). */
export function fromNationalRatingRow(row: InboundRatingRow): RatingReceivedData {
  return {
    ratingId: row.DANHGIAID,
    agencyCode: row.MADONVI,
    ...present('feedbackId', row.HOIDAPID),
    ...(row.HOIDAPID === undefined ? present('dossierCode', row.MAHOSO) : {}),
    verdict: row.HAILONG === '1' ? 'like' : 'dislike',
    ...present('comment', row.NOIDUNG),
    ratedAt: fromNationalTimestamp(row.NGAYDANHGIA),
  };
}

/**
 * [inferred] The DongBoKetQuaHoiDapGuiTuDVCQG row of a step: every key present, every scalar a
 * string ("" when unknown), times yyyyMMddHHmmss in Vietnam time, as the portal's other writes.
 */
export function toNationalFeedbackReply(
  reply: FeedbackReplyMessage,
  stateCodes: Readonly<Record<FeedbackState, string>>,
): NationalFeedbackReplyRow {
  return {
    HOIDAPID: reply.feedbackId,
    TRANGTHAI: stateCodes[reply.state],
    NOIDUNGTRALOI: reply.answer ?? '',
    NOIDUNGXULY: reply.note ?? '',
    NGUOIXULY: reply.handledBy.name,
    CHUCVU: reply.handledBy.title ?? '',
    NGAYXULY: toNationalTimestamp(reply.at),
  };
}
