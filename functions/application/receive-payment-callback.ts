import {
  CALLBACK_PAID_CODE,
  callbackReplyCodes,
  checksumValues,
  type PaymentCallback,
  type PaymentCallbackReply,
  paymentCallbackSchema,
  SEPARATOR_MESSAGE,
} from '../../contracts/payment-platform';
import { isGatewayError } from '../core/gateway-error';
import { fromNationalTimestamp, toNationalTimestamp } from '../core/national-time';
import { verifyPaymentChecksum } from '../core/payment-checksum';
import { paymentIdOf } from '../core/payment-reference';
import type { PaymentDependencies } from './payment-dependencies';
import { applyPaymentEvent } from './settle-payment';

export interface CallbackAnswer {
  /** 200 for every answer the platform should take as final; 500 asks it to send the callback again. */
  readonly httpStatus: 200 | 500;
  readonly reply: PaymentCallbackReply;
}

type ReplyCode = (typeof callbackReplyCodes)[keyof typeof callbackReplyCodes];

/** Refusals an operator should see as possible attacks. */
const securityEvents = new Set([
  'payment.checksumMismatch',
  'payment.unknownPartner',
  'payment.callbackForged',
]);

const descriptions: Record<ReplyCode, string> = {
  [callbackReplyCodes.received]: 'Đã nhận kết quả giao dịch',
  [callbackReplyCodes.invalidChecksum]: 'Sai mã xác thực',
  [callbackReplyCodes.unknownTransaction]: 'Không tìm thấy giao dịch',
  [callbackReplyCodes.amountMismatch]: 'Số tiền không khớp',
  [callbackReplyCodes.invalidMessage]: 'Bản tin không hợp lệ',
  [callbackReplyCodes.retryLater]: 'Lỗi hệ thống, vui lòng gửi lại',
};

/** What the reply echoes of the request [TH ConfirmDvcPaymentCommandHandler], when it is well formed. */
function echoed(body: unknown): { ThoiGianGD?: string; MaXacThuc?: string } {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const time = fields.ThoiGianGD;
  const checksum = fields.MaXacThuc;
  return {
    ...(typeof time === 'string' && /^\d{14}$/.test(time) ? { ThoiGianGD: time } : {}),
    ...(typeof checksum === 'string' && /^[0-9a-fA-F]{64}$/.test(checksum) ? { MaXacThuc: checksum } : {}),
  };
}

/**
 * The platform's callback (IPN), as a chain of small steps: read the message (only a CALLBACK
 * message, no checksummed value holding the separator), verify its MaXacThuc in constant time,
 * check the partner, find the payment, check the amount and the time, then apply it through
 * the state graph. The reply is sent only after the outcome is stored; a repeat of a callback
 * is acknowledged and changes nothing.
 *
 * Refusals are logged as security events with the reference and the caller's address only:
 * a callback carries no personal data, but nothing from the body is logged beyond that.
 */
export async function receivePaymentCallback(
  deps: PaymentDependencies,
  body: unknown,
  meta: { readonly remoteAddress?: string },
): Promise<CallbackAnswer> {
  const settings = deps.paymentSettings;
  // The reply echoes the request's ThoiGianGD and MaXacThuc as [TH] does; it signs nothing.
  const echo = echoed(body);
  const answer = (code: ReplyCode, httpStatus: 200 | 500 = 200): CallbackAnswer => ({
    httpStatus,
    reply: {
      MaLoi: code,
      MoTaLoi: descriptions[code],
      MaDoiTac: settings.partnerCode,
      ThoiGianGD: echo.ThoiGianGD ?? toNationalTimestamp(deps.clock.now()),
      MaXacThuc: echo.MaXacThuc ?? '',
    },
  });
  const refuse = (code: ReplyCode, event: string, context: Record<string, unknown> = {}) => {
    deps.logger.warn('payment callback refused', {
      event,
      securityEvent: securityEvents.has(event),
      remoteAddress: meta.remoteAddress,
      ...context,
    });
    return answer(code);
  };

  const parsed = paymentCallbackSchema.safeParse(body);
  if (!parsed.success) {
    // Another message type, or a signed value holding the separator: a forgery's marks (issue 17).
    const forged = parsed.error.issues.some(
      (issue) => issue.path[0] === 'LoaiBanTin' || issue.message === SEPARATOR_MESSAGE,
    );
    return refuse(
      callbackReplyCodes.invalidMessage,
      forged ? 'payment.callbackForged' : 'payment.callbackUnreadable',
      { fields: parsed.error.issues.map((issue) => issue.path.join('.')) },
    );
  }
  const callback: PaymentCallback = parsed.data;
  const reference = callback.MaThamChieu;
  if (!verifyPaymentChecksum(checksumValues('CALLBACK', callback), callback.MaXacThuc, settings.secrets)) {
    return refuse(callbackReplyCodes.invalidChecksum, 'payment.checksumMismatch', { reference });
  }
  if (callback.MaDoiTac !== settings.partnerCode) {
    return refuse(callbackReplyCodes.invalidMessage, 'payment.unknownPartner', {
      reference,
      partner: callback.MaDoiTac,
    });
  }

  try {
    const paymentId = paymentIdOf(reference);
    const payment = paymentId ? await deps.payments.getPayment(paymentId) : undefined;
    if (!payment)
      return refuse(callbackReplyCodes.unknownTransaction, 'payment.unknownReference', { reference });

    if (Number(callback.SoTien) !== payment.amount || callback.MaTienTe !== 'VND') {
      await deps.payments.recordOutcome(
        payment.paymentId,
        `amount:${callback.MaLoi}:${callback.SoTien}:${callback.MaTienTe}`,
        {
          at: deps.clock.now().toISOString(),
          event: callback.MaLoi === CALLBACK_PAID_CODE ? 'confirmed' : 'declined',
          detail: `callback with amount ${callback.SoTien} ${callback.MaTienTe}, expected ${payment.amount} VND: not applied`,
        },
      );
      deps.metrics.count('PaymentAnomalies', 1, { paymentId: payment.paymentId });
      return refuse(callbackReplyCodes.amountMismatch, 'payment.amountMismatch', {
        reference,
        paymentId: payment.paymentId,
        dossierCode: payment.dossierCode,
        expected: payment.amount,
        received: Number(callback.SoTien),
      });
    }

    const settledAt = fromNationalTimestamp(callback.ThoiGianGD);
    const skewMs = settings.callbackClockSkewSeconds * 1000;
    const settledMs = Date.parse(settledAt);
    if (
      settledMs > deps.clock.now().getTime() + skewMs ||
      settledMs < Date.parse(payment.createdAt) - skewMs
    ) {
      return refuse(callbackReplyCodes.invalidMessage, 'payment.callbackOutOfWindow', {
        reference,
        paymentId: payment.paymentId,
        at: settledAt,
      });
    }

    const paid = callback.MaLoi === CALLBACK_PAID_CODE;
    const result = await applyPaymentEvent(deps, payment, paid ? 'confirmed' : 'declined', {
      source: 'callback',
      at: settledAt,
      ...(callback.MaGiaoDich ? { platformTransactionId: callback.MaGiaoDich } : {}),
      ...(callback.MaNganHang ? { bankCode: callback.MaNganHang } : {}),
      ...(paid ? {} : { failureCode: callback.MaLoi }),
    });
    deps.logger.info('payment callback acknowledged', {
      paymentId: payment.paymentId,
      dossierCode: payment.dossierCode,
      reference,
      outcome: result.outcome,
      state: result.payment.state,
    });
    return answer(callbackReplyCodes.received);
  } catch (error) {
    if (isGatewayError(error, 'payment.transitionNotAllowed')) {
      return refuse(callbackReplyCodes.invalidMessage, 'payment.transitionNotAllowed', {
        reference,
        error: error.message,
      });
    }
    // Nothing durable happened (or it did and a repeat will be a duplicate): ask for it again.
    deps.logger.error('payment callback not stored; asking the platform to send it again', {
      reference,
      error: (error as Error).message,
    });
    return answer(callbackReplyCodes.retryLater, 500);
  }
}
