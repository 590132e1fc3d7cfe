import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { type WebhookEvent, webhookEventSchema } from '../../../contracts/webhooks';
import { defaultRetryPolicy } from '../../core/retry-policy';

/** How many times a webhook is attempted before it is parked: the province queue's maxReceiveCount. */
export const WEBHOOK_ATTEMPTS = 20;

/** Why each event is sent; a new event type does not compile until it is described here. */
const eventDescriptions: Record<WebhookEvent['type'], string> = {
  'dossier.submitted':
    'Hồ sơ công dân nộp trực tuyến trên Cổng DVCQG, thuộc cơ quan của hệ thống tỉnh. / A dossier a citizen submitted online on the national portal, for an agency your system owns.',
  'dossier.status_changed':
    'Trạng thái hồ sơ thay đổi trên Cổng DVCQG (một dòng CapNhatTienDoHoSoMC). / A status change made on the national portal.',
  'payment.succeeded':
    'Người nộp đã thanh toán xong trên Nền tảng thanh toán. / The payer paid on the payment platform; sent once, however many callbacks the platform makes.',
  'payment.failed':
    'Thanh toán thất bại hoặc hết hạn (`state` = `failed` | `expired`). / The payment failed or expired.',
  'dossier.due_soon':
    'Hồ sơ sắp đến ngày hẹn trả (trong số ngày làm việc cấu hình). / The promised date is within the configured working days.',
  'dossier.overdue':
    'Hồ sơ đã quá hạn mà chưa xong: cơ quan phải gửi thư xin lỗi. / Past its promised date, unfinished: the agency owes a written apology.',
  'feedback.received':
    'Phản ánh, kiến nghị (PAKN) người dân gửi trên Cổng DVCQG đến cơ quan của hệ thống tỉnh; trả lời bằng POST /v1/feedback/{id}/answer. / A citizen’s feedback sent on the national portal to an agency your system owns; answer it with POST /v1/feedback/{id}/answer.',
  'rating.received':
    'Đánh giá hài lòng (thích / không thích) của người dân về câu trả lời một phản ánh hoặc về việc giải quyết một hồ sơ. / A citizen’s like or dislike of a feedback answer or of a dossier’s handling.',
  'feedback.due_soon':
    'Phản ánh sắp đến hạn trả lời (15 ngày làm việc) hoặc hạn công khai (2 ngày sau khi trả lời). / A feedback item’s answer or publication is due within the configured working days (QĐ 766 5.2).',
  'feedback.overdue':
    'Phản ánh đã quá hạn trả lời hoặc công khai: bị tính trễ ở chỉ số 5.2. / A feedback item is past its answer or publication deadline: it counts as late on QĐ 766 5.2.',
};

const signatureHeaders = z.object({
  'webhook-id': z.string().meta({
    description: 'The event id, stable across retries: drop an id you have already processed',
  }),
  'webhook-timestamp': z.string().meta({
    description: 'Unix seconds when this attempt was signed; refuse one more than 5 minutes from your clock',
  }),
  'webhook-signature': z.string().meta({
    description:
      'Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<raw body>`, keyed with the base64 part of your `whsec_` secret; during a secret roll there is one per secret, accept any match',
  }),
});

function deliveryRules(): string {
  const { baseSeconds, capSeconds } = defaultRetryPolicy;
  return [
    'Signed per the Standard Webhooks specification: verify the signature over the **raw body** before',
    'parsing it, with a constant-time comparison (any Standard Webhooks library does this; the vendor',
    'guide has code). Deliveries of one dossier arrive in the order they were accepted; answer within',
    '10 seconds.\n\n**Retry and park rules.** Any 2xx: delivered. 408, 409, 425, 429, any 5xx, a timeout',
    'or a connection error: retried with exponential backoff and full jitter',
    `(${baseSeconds} s doubling, at most ${capSeconds / 60} min between attempts; a \`Retry-After\` header is a floor),`,
    `up to ${WEBHOOK_ATTEMPTS} attempts. Any other status (400, 401, 403, 404, 410, 422 ...): **parked** at`,
    'once, not retried. A parked or exhausted message waits for an administrator (replay, edit and',
    "replay, or discard in the console), and the dossier's later events wait behind it, so order is",
    'never broken. A retry carries the same `webhook-id`.',
  ].join(' ');
}

/**
 * The OpenAPI 3.1 `webhooks` section: one entry per event the gateway sends to provincial
 * systems, generated from the same zod schemas the sender validates with (contracts/webhooks.ts).
 */
export function registerWebhookDocs(registry: OpenAPIHono['openAPIRegistry']): void {
  const rules = deliveryRules();
  for (const event of webhookEventSchema.options) {
    const type = event.shape.type.value;
    registry.registerWebhook({
      method: 'post',
      path: type,
      tags: ['Webhooks to provincial systems'],
      summary: type,
      description: `${eventDescriptions[type]}\n\n${rules}`,
      request: {
        headers: signatureHeaders,
        body: { required: true, content: { 'application/json': { schema: event } } },
      },
      responses: {
        '2XX': { description: 'Received: the event counts as delivered' },
        '408': { description: 'Retried' },
        '409': { description: 'Retried' },
        '425': { description: 'Retried' },
        '429': { description: 'Retried; Retry-After (seconds) is honoured as a floor' },
        '4XX': { description: 'Any other 4xx: parked for an administrator, not retried' },
        '5XX': { description: 'Retried' },
      },
    });
  }
}
