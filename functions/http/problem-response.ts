import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { FieldError, Problem } from '../../contracts/problem';
import { GatewayError, type GatewayErrorCode } from '../core/gateway-error';
import { toJsonPath } from '../core/json-path';
import { redactPersonalData, redactText } from '../core/redact-personal-data';

const problemCatalogue: Record<GatewayErrorCode, { status: ContentfulStatusCode; title: string }> = {
  'request.invalid': { status: 400, title: 'Yêu cầu không hợp lệ / Invalid request' },
  'request.unsupportedMediaType': {
    status: 415,
    title: 'Kiểu nội dung không được hỗ trợ / Unsupported media type',
  },
  'request.tooLarge': { status: 413, title: 'Nội dung quá lớn / Request body too large' },
  'request.rateLimited': { status: 429, title: 'Quá nhiều yêu cầu / Too many requests' },
  'request.timeout': { status: 504, title: 'Xử lý quá thời gian / The request took too long' },
  'request.replayed': { status: 409, title: 'Yêu cầu đã được nhận trước đó / Replayed request' },
  'auth.unauthenticated': { status: 401, title: 'Chưa xác thực / Authentication required' },
  'auth.invalidClient': { status: 401, title: 'Thông tin ứng dụng không đúng / Invalid client credentials' },
  'auth.forbidden': { status: 403, title: 'Không có quyền / Forbidden' },
  'route.notFound': { status: 404, title: 'Không tìm thấy / Not found' },
  'dossier.notFound': { status: 404, title: 'Không tìm thấy hồ sơ / Dossier not found' },
  'dossier.transitionNotAllowed': {
    status: 422,
    title: 'Chuyển trạng thái không hợp lệ / Status change not allowed',
  },
  'dossier.staleVersion': { status: 409, title: 'Phiên bản hồ sơ đã cũ / Stale dossier version' },
  'failedMessage.notFound': { status: 404, title: 'Không tìm thấy tin lỗi / Failed message not found' },
  'failedMessage.notParked': { status: 409, title: 'Tin không còn ở trạng thái lỗi / Message is not parked' },
  'idempotency.conflict': { status: 409, title: 'Khóa idempotency bị dùng lại / Idempotency key reused' },
  'idempotency.inProgress': { status: 409, title: 'Yêu cầu đang được xử lý / Request still in progress' },
  'sequence.taken': { status: 409, title: 'Xung đột ghi / Concurrent write conflict' },
  'national.transient': { status: 502, title: 'Cổng DVCQG tạm thời lỗi / National portal unavailable' },
  'national.rejected': { status: 502, title: 'Cổng DVCQG từ chối / National portal rejected the record' },
  'national.authentication': {
    status: 502,
    title: 'Không đăng nhập được Cổng DVCQG / National portal login failed',
  },
  'province.transient': { status: 502, title: 'Hệ thống tỉnh tạm thời lỗi / Provincial system unavailable' },
  'province.rejected': { status: 502, title: 'Hệ thống tỉnh từ chối / Provincial system refused the event' },
  'province.notRegistered': {
    status: 422,
    title: 'Chưa đăng ký hệ thống tỉnh / No provincial system registered for the agency',
  },
  'dependency.unavailable': {
    status: 503,
    title: 'Dịch vụ tạm thời không sẵn sàng / Service temporarily unavailable',
  },
  'payment.notFound': { status: 404, title: 'Không tìm thấy giao dịch thanh toán / Payment not found' },
  'payment.alreadyOpen': {
    status: 409,
    title: 'Hồ sơ đang có giao dịch chờ thanh toán / The dossier already has an open payment',
  },
  'payment.transitionNotAllowed': {
    status: 409,
    title: 'Chuyển trạng thái thanh toán không hợp lệ / Payment state change not allowed',
  },
  'payment.platformUnavailable': {
    status: 503,
    title: 'Nền tảng thanh toán tạm thời không sẵn sàng / Payment platform unavailable',
  },
  'payment.platformRejected': {
    status: 502,
    title: 'Nền tảng thanh toán từ chối giao dịch / The payment platform refused the payment',
  },
  'reconciliation.notFound': {
    status: 404,
    title: 'Không tìm thấy báo cáo đối soát / Reconciliation report not found',
  },
  'reconciliation.fileInvalid': {
    status: 502,
    title: 'Tệp đối soát không hợp lệ / The platform’s transaction list is unreadable',
  },
  'agency.retired': {
    status: 422,
    title: 'Mã cơ quan đã ngừng sử dụng / Agency code retired',
  },
  'agency.nameUnknown': {
    status: 422,
    title: 'Chưa biết tên đơn vị xử lý / Unit name unknown',
  },
  // Only at a cold start; a request never reaches a gateway whose configuration failed to load.
  'config.invalid': { status: 500, title: 'Cấu hình không hợp lệ / Invalid configuration' },
  'driftFinding.notFound': {
    status: 404,
    title: 'Không tìm thấy sai lệch / Drift finding not found',
  },
  'driftFinding.notOpen': {
    status: 409,
    title: 'Sai lệch không còn mở / The drift finding is not open',
  },
};

export function statusOf(code: GatewayErrorCode): ContentfulStatusCode {
  return problemCatalogue[code].status;
}

/**
 * One field error per problem, messages as the contracts word them (bilingual; see
 * contracts/bilingual-issue-message.ts, which also tells a missing field from a wrong type).
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: toJsonPath([...issue.path, key]),
        message: 'Trường không được hỗ trợ / Unknown field: remove it or check its spelling',
      }));
    }
    return [{ path: toJsonPath(issue.path), message: issue.message }];
  });
}

export function invalidRequest(error: z.ZodError, where: string): GatewayError {
  const fieldErrors = fieldErrorsOf(error);
  return new GatewayError(
    'request.invalid',
    `${fieldErrors.length} lỗi trong ${where} / ${fieldErrors.length} invalid field(s) in the ${where}`,
    { fieldErrors },
  );
}

/** Enough to fix a request; a body with thousands of wrong keys gets a bounded answer. */
const MAX_FIELD_ERRORS = 50;

/**
 * The one place a GatewayError becomes an HTTP answer. Everything that can carry caller or
 * partner text (detail, paths, messages, details) is masked: an answer never echoes an ID
 * number, phone number or e-mail address (SECURITY.md).
 */
export function problemResponse(c: Context, error: GatewayError): Response {
  const { status, title } = problemCatalogue[error.code];
  const fieldErrors = error.fieldErrors.slice(0, MAX_FIELD_ERRORS).map((fieldError) => ({
    path: redactText(fieldError.path),
    message: redactText(fieldError.message),
  }));
  const problem: Problem & Record<string, unknown> = {
    ...(redactPersonalData(error.details) as Record<string, unknown>),
    type: `/problems/${error.code}`,
    title,
    status,
    detail: redactText(error.message),
    instance: redactText(c.req.path),
    code: error.code,
    ...(fieldErrors.length ? { errors: fieldErrors } : {}),
    ...(error.fieldErrors.length > MAX_FIELD_ERRORS
      ? { errorsOmitted: error.fieldErrors.length - MAX_FIELD_ERRORS }
      : {}),
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="lien-thong-gateway"';
  return c.body(JSON.stringify(problem), status, headers);
}
