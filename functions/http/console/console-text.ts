/** Console labels: Vietnamese first (the administrators' language), English available. */
export type Language = 'vi' | 'en';

const text = {
  title: ['Liên thông Gateway — Quản trị', 'Liên thông Gateway — Administration'],
  dashboard: ['Tổng quan', 'Dashboard'],
  failedMessages: ['Tin lỗi', 'Failed messages'],
  dossiers: ['Hồ sơ', 'Dossiers'],
  audit: ['Nhật ký thao tác', 'Audit log'],
  signIn: ['Đăng nhập', 'Sign in'],
  signOut: ['Đăng xuất', 'Sign out'],
  clientId: ['Mã ứng dụng quản trị', 'Admin client id'],
  clientSecret: ['Mật khẩu ứng dụng', 'Client secret'],
  signInFailed: [
    'Sai thông tin đăng nhập hoặc không có quyền quản trị',
    'Wrong credentials or no admin scope',
  ],
  queues: ['Hàng đợi', 'Queues'],
  queue: ['Hàng đợi', 'Queue'],
  depth: ['Đang chờ', 'Waiting'],
  inFlight: ['Đang xử lý', 'In flight'],
  deadLetters: ['Thư chết (DLQ)', 'Dead letters'],
  parked: ['Tạm giữ', 'Parked'],
  oldestPending: ['Tin chưa gửi lâu nhất', 'Oldest undelivered message'],
  none: ['không có', 'none'],
  throughput: ['Lưu lượng 6 giờ qua (mỗi cột 10 phút)', 'Throughput, last 6 hours (10-minute bars)'],
  delivered: ['Đã gửi', 'Delivered'],
  failed: ['Lỗi', 'Failed'],
  toNational: ['Đến Cổng DVCQG', 'To the national portal'],
  toProvince: ['Đến hệ thống tỉnh', 'To provincial systems'],
  filter: ['Lọc', 'Filter'],
  all: ['Tất cả', 'All'],
  dossierCode: ['Mã hồ sơ', 'Dossier code'],
  agencyCode: ['Mã cơ quan', 'Agency code'],
  reason: ['Nguyên nhân', 'Reason'],
  rejected: ['Bị từ chối', 'Rejected'],
  exhausted: ['Hết lượt thử', 'Retries exhausted'],
  status: ['Trạng thái', 'Status'],
  from: ['Từ', 'From'],
  to: ['Đến', 'To'],
  parkedAt: ['Thời điểm tạm giữ', 'Parked at'],
  kind: ['Loại tin', 'Kind'],
  lastError: ['Lỗi cuối', 'Last error'],
  attempts: ['Số lần thử', 'Attempts'],
  details: ['Chi tiết', 'Details'],
  next: ['Trang sau', 'Next page'],
  noFailed: ['Không có tin lỗi nào khớp bộ lọc.', 'No failed message matches the filter.'],
  bulkReplay: ['Gửi lại tất cả tin khớp bộ lọc', 'Replay every message matching the filter'],
  dryRun: ['Chỉ đếm, chưa gửi', 'Count only, do not send'],
  replay: ['Gửi lại', 'Replay'],
  editReplay: ['Sửa rồi gửi lại', 'Edit and replay'],
  payload: ['Nội dung', 'Payload'],
  originalPayload: ['Nội dung gốc', 'Original payload'],
  discard: ['Loại bỏ', 'Discard'],
  discardReason: ['Lý do loại bỏ (bắt buộc)', 'Reason for discarding (required)'],
  attemptsLog: ['Các lần gửi', 'Delivery attempts'],
  at: ['Thời điểm', 'At'],
  outcome: ['Kết quả', 'Outcome'],
  latency: ['Thời gian (ms)', 'Latency (ms)'],
  detail: ['Mô tả', 'Detail'],
  piiMasked: [
    'Dữ liệu cá nhân đã được che (cần quyền pii:read).',
    'Personal data is masked (needs scope pii:read).',
  ],
  search: ['Tìm', 'Search'],
  timeline: ['Dòng thời gian', 'Timeline'],
  nationalStatus: ['Trạng thái trên Cổng DVCQG', 'Status on the national portal'],
  localStatus: ['Trạng thái tại tỉnh', 'Provincial status'],
  syncState: ['Đồng bộ', 'Sync'],
  direction: ['Hướng', 'Direction'],
  actor: ['Người thực hiện', 'Actor'],
  action: ['Thao tác', 'Action'],
  target: ['Đối tượng', 'Target'],
  done: ['Đã thực hiện', 'Done'],
  matched: ['tin khớp bộ lọc', 'messages match the filter'],
  replayedCount: ['tin đã được gửi lại', 'messages replayed'],
  drift: ['Sai lệch với Cổng DVCQG', 'Drift from the national portal'],
  lastDriftCheck: ['Lần đối chiếu gần nhất', 'Latest check'],
  noDriftCheck: ['Chưa đối chiếu lần nào.', 'No check has run yet.'],
  noDrift: ['Không có sai lệch nào.', 'No drift found.'],
  sampled: ['Hồ sơ lấy mẫu', 'Dossiers sampled'],
  checked: ['Đã tra cứu', 'Looked up'],
  skippedInFlight: ['Bỏ qua (đang gửi)', 'Skipped (messages in flight)'],
  drifted: ['Khác trạng thái', 'Status differs'],
  missingAtPortal: ['Cổng không có hồ sơ', 'Missing at the portal'],
  errors: ['Lỗi tra cứu', 'Look-up errors'],
  opened: ['Sai lệch mới', 'Findings opened'],
  resolvedCount: ['Đã khớp lại', 'Findings resolved'],
  ourStatus: ['Trạng thái đã gửi', 'Status we delivered'],
  portalStatus: ['Trạng thái trên Cổng', 'Status at the portal'],
  detectedAt: ['Phát hiện lúc', 'Detected at'],
  lastCheckedAt: ['Kiểm tra lần cuối', 'Last checked'],
  resync: ['Đồng bộ lại', 'Re-sync'],
  findingOpen: ['Đang sai lệch', 'Open'],
  findingResynced: ['Đã đồng bộ lại, chờ kiểm tra', 'Re-synced, awaiting check'],
  findingResolved: ['Đã khớp', 'Resolved'],
  missing: ['không có hồ sơ', 'no record'],
  language: ['English', 'Tiếng Việt'],
  select: ['Chọn', 'Select'],
  indicators: ['Chỉ số chất lượng giải quyết hồ sơ', 'Service-quality indicators'],
  received: ['Tiếp nhận', 'Received'],
  finished: ['Đã giải quyết', 'Finished'],
  onTime: ['Đúng hạn', 'On time'],
  late: ['Trễ hạn', 'Late'],
  onTimeRate: ['Tỷ lệ đúng hạn', 'On-time rate'],
  inProgress: ['Đang giải quyết', 'In progress'],
  onlineShare: ['Tỷ lệ trực tuyến', 'Online share'],
  refused: ['Từ chối tiếp nhận', 'Refused'],
  byProcedure: ['Theo thủ tục hành chính', 'By procedure'],
  procedureCode: ['Mã thủ tục', 'Procedure code'],
  show: ['Xem', 'Show'],
  agencyCodes: ['Đổi mã cơ quan', 'Agency re-coding'],
  recodingVersion: ['Phiên bản bảng', 'Table version'],
  recodingExplained: [
    'Hồ sơ mới không được dùng mã đã ngừng; hồ sơ có ngày trong mã hồ sơ trước ngày hiệu lực giữ mã cũ và vẫn được cập nhật. Ứng dụng được cấp mã thay thế được thao tác với hồ sơ mang mã cũ.',
    'New dossiers may not use a retired code; dossiers whose code date is before the effective day keep the old code and still accept updates. A client granted the replacement code may act on dossiers under the old one.',
  ],
  retiredCode: ['Mã đã ngừng', 'Retired code'],
  replacementCode: ['Mã thay thế', 'Replacement code'],
  effectiveFrom: ['Hiệu lực từ', 'Effective from'],
  currentCode: ['Mã đang dùng hôm nay', 'Code in use today'],
  note: ['Ghi chú', 'Note'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof text;

export function translator(language: Language) {
  const index = language === 'en' ? 1 : 0;
  return (key: TextKey): string => text[key][index];
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** dd/MM/yyyy HH:mm in Vietnam time, as DOMAIN.md asks of the product. */
export function formatVietnamTime(iso: string | undefined): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  const local = new Date(instant + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

/** 1.250.000 ₫ */
export function formatVnd(amount: number): string {
  return `${amount.toLocaleString('vi-VN').replace(/,/g, '.')} ₫`;
}
