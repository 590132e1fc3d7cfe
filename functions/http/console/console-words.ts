import { type DossierStatus, dossierStatuses } from '../../../contracts/dossier-status';
import type { DriftFindingState } from '../../../contracts/drift-check';
import type { FeedbackState } from '../../../contracts/feedback';
import type { DossierView } from '../../../contracts/provincial-api';
import type { DeliveryAttempt, FailedMessage, MessageKind, MessageState } from '../../core/dossier-message';
import type { AuditEntry } from '../../ports/audit-log';
import type { Language, TextKey } from './console-text';

/**
 * The gateway's own values (states, kinds, outcomes, audit actions) as an administrator reads
 * them: the stored values are English identifiers, the Vietnamese console never shows them raw.
 */
type Words<Value extends string> = Readonly<Record<Value, readonly [vietnamese: string, english: string]>>;

const failedStatusWords: Words<FailedMessage['status']> = {
  parked: ['Đang tạm giữ', 'Parked'],
  replayed: ['Đã gửi lại', 'Replayed'],
  discarded: ['Đã loại bỏ', 'Discarded'],
};

const outcomeWords: Words<DeliveryAttempt['outcome'] | 'accepted'> = {
  accepted: ['Đã tiếp nhận', 'Accepted'],
  delivered: ['Đã gửi thành công', 'Delivered'],
  failed: ['Gửi lỗi, sẽ thử lại', 'Failed, will retry'],
  parked: ['Tạm giữ', 'Parked'],
  held: ['Chờ tin trước', 'Held behind an earlier message'],
  replayed: ['Đã gửi lại', 'Replayed'],
  discarded: ['Đã loại bỏ', 'Discarded'],
};

const messageStateWords: Words<MessageState> = {
  accepted: ['Đang chờ gửi', 'On its way'],
  delivered: ['Đã gửi thành công', 'Delivered'],
  parked: ['Lại bị tạm giữ, cần xử lý', 'Parked again, needs an administrator'],
  held: ['Chờ tin trước của hồ sơ', 'Waiting behind an earlier message'],
  discarded: ['Đã loại bỏ', 'Discarded'],
};

const syncStateWords: Words<DossierView['sync']['state']> = {
  pending: ['Đang chờ gửi', 'Pending'],
  synced: ['Đã đồng bộ', 'Synced'],
  failing: ['Đang lỗi, sẽ thử lại', 'Failing, retrying'],
  parked: ['Tạm giữ, cần quản trị viên xử lý', 'Parked, needs an administrator'],
};

const kindWords: Words<MessageKind> = {
  'dossier.sync': ['Đồng bộ hồ sơ', 'Dossier sync'],
  'dossier.status': ['Cập nhật trạng thái', 'Status update'],
  'payment.progress': ['Tiến độ thanh toán', 'Payment progress'],
  'dossier.resync': ['Đồng bộ lại hồ sơ', 'Dossier re-sync'],
  'dossier.submitted': ['Báo hồ sơ mới', 'Dossier submitted'],
  'dossier.status_changed': ['Báo đổi trạng thái', 'Status changed'],
  'payment.succeeded': ['Báo thanh toán thành công', 'Payment succeeded'],
  'payment.failed': ['Báo thanh toán không thành công', 'Payment failed'],
  'dossier.due_soon': ['Báo sắp đến hạn', 'Due soon'],
  'dossier.overdue': ['Báo quá hạn', 'Overdue'],
  'feedback.received': ['Báo phản ánh, kiến nghị mới', 'Feedback received'],
  'rating.received': ['Báo đánh giá của người dân', 'Rating received'],
  'feedback.due_soon': ['Báo phản ánh sắp đến hạn', 'Feedback due soon'],
  'feedback.overdue': ['Báo phản ánh quá hạn', 'Feedback overdue'],
  'feedback.reply': ['Gửi xử lý phản ánh lên Cổng DVCQG', 'Feedback handling to the national portal'],
};

const feedbackStateWords: Words<FeedbackState> = {
  waiting: ['Chờ tiếp nhận', 'Waiting for reception'],
  received: ['Đã tiếp nhận', 'Received'],
  more_info_requested: ['Yêu cầu bổ sung thông tin', 'More information asked'],
  refused: ['Từ chối tiếp nhận', 'Refused'],
  answered: ['Đã trả lời, chờ công khai', 'Answered, to publish'],
  published: ['Đã công khai', 'Published'],
};

const auditActionWords: Words<AuditEntry['action']> = {
  'failedMessage.replay': ['Gửi lại tin lỗi', 'Replayed a failed message'],
  'failedMessage.editReplay': ['Sửa rồi gửi lại tin lỗi', 'Edited and replayed a failed message'],
  'failedMessage.discard': ['Loại bỏ tin lỗi', 'Discarded a failed message'],
  'failedMessage.bulkReplay': ['Gửi lại hàng loạt', 'Bulk replay'],
  'console.signIn': ['Đăng nhập trang quản trị', 'Signed in to the console'],
  'console.signInFailed': ['Đăng nhập không thành công', 'Failed sign-in'],
  'console.signOut': ['Đăng xuất', 'Signed out'],
  'driftFinding.resync': ['Đồng bộ lại hồ sơ sai lệch', 'Re-synced a drifted dossier'],
  'schedule.run': ['Chạy ngay một lịch chạy', 'Ran a schedule now'],
  'catalogue.refresh': ['Cập nhật ngay danh mục quốc gia', 'Refreshed the national catalogues now'],
  'system.webhookTest': ['Gửi sự kiện thử đến hệ thống', 'Sent a test event to a system'],
  'system.pause': ['Tạm dừng gửi đến hệ thống', 'Paused deliveries to a system'],
  'system.resume': ['Tiếp tục gửi đến hệ thống', 'Resumed deliveries to a system'],
  'dossiers.resync': ['Đồng bộ lại hồ sơ hàng loạt', 'Re-synced dossiers'],
  'system.register': ['Đăng ký hệ thống kết nối', 'Registered a connected system'],
  'system.change': ['Sửa hệ thống kết nối', 'Changed a connected system'],
  'system.rotateClientSecret': ['Đổi mật khẩu ứng dụng (client secret)', 'Rotated a client secret'],
  'system.rotateWebhookSecret': ['Đổi khóa ký webhook', 'Rotated a webhook signing secret'],
  'mapping.save': ['Lưu ánh xạ mã', 'Saved a code mapping'],
  'mapping.delete': ['Xóa ánh xạ mã', 'Deleted a code mapping'],
  'mapping.import': ['Nhập tệp ánh xạ mã', 'Imported a code mapping file'],
};

/** A drift finding's state, by its console label. */
export const driftStateLabels: Readonly<Record<DriftFindingState, TextKey>> = {
  open: 'findingOpen',
  resynced: 'findingResynced',
  resolved: 'findingResolved',
};

const pick = (words: readonly [string, string], language: Language) => words[language === 'en' ? 1 : 0];

export const failedStatusName = (status: FailedMessage['status'], language: Language) =>
  pick(failedStatusWords[status], language);
export const failedStatuses = Object.keys(failedStatusWords) as FailedMessage['status'][];
/** Timeline values arrive as strings (the API's TimelineEntry); one the console does not know shows as is. */
const wordFor = <Value extends string>(words: Words<Value>, value: string, language: Language) =>
  value in words ? pick(words[value as Value], language) : value;

export const outcomeName = (outcome: string, language: Language) => wordFor(outcomeWords, outcome, language);
export const messageStateName = (state: MessageState, language: Language) =>
  pick(messageStateWords[state], language);
export const syncStateName = (state: DossierView['sync']['state'], language: Language) =>
  pick(syncStateWords[state], language);
export const kindName = (kind: string, language: Language) => wordFor(kindWords, kind, language);
export const feedbackStateName = (state: FeedbackState, language: Language) =>
  pick(feedbackStateWords[state], language);
export const auditActionName = (action: AuditEntry['action'], language: Language) =>
  pick(auditActionWords[action], language);

/** TrangThaiHoSo by its Vietnamese meaning (contracts/dossier-status.ts), or its English name. */
export function dossierStatusName(status: DossierStatus, language: Language): string {
  if (language === 'en') return status.replaceAll('_', ' ');
  return dossierStatuses.find((candidate) => candidate.name === status)?.vi ?? status;
}

/**
 * The delivery details the relay writes are technical English (they also go to the logs and the
 * API's timeline). The phrases an administrator meets most are said in Vietnamese; wire names
 * (DongBoHoSoMC, error_code, HTTP) stay as the vendor's documents write them.
 */
const detailPhrases: readonly (readonly [RegExp, string])[] = [
  [/ in (\d+) ms$/, ' ($1 ms)'],
  [/^(#\d+ )?replayed by (\S+)/, '$1gửi lại bởi $2'],
  [/ with an edited payload/, ', nội dung đã sửa'],
  [/^(#\d+ )?discarded by (\S+): /, '$1loại bỏ bởi $2, lý do: '],
  [
    /gave up after the queue's maximum receives; last error: /,
    'dừng sau số lần nhận tối đa của hàng đợi; lỗi cuối: ',
  ],
  [/national portal unreachable/, 'không kết nối được Cổng DVCQG'],
  [/national portal answered HTTP/, 'Cổng DVCQG trả lời HTTP'],
  [/national portal error/, 'Cổng DVCQG báo lỗi'],
  [/LGSP unreachable/, 'không kết nối được LGSP'],
  [/LGSP answered HTTP/, 'LGSP trả lời HTTP'],
  [/webhook (\S+) to (\S+) answered HTTP/, 'webhook $1 tới $2 trả lời HTTP'],
  [/fetch failed/, 'lỗi kết nối'],
  [/ then /, ' rồi '],
];

/** A delivery detail or error text in the reader's language, as far as its phrases are known. */
export function describeDetail(detail: string, language: Language): string {
  if (language === 'en') return detail;
  return detailPhrases.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), detail);
}
