import {
  type ChecksummedMessage,
  checksumValues,
  PAYMENT_PROTOCOL_VERSION,
  type PaymentPlatformPaths,
  paymentErrorReplySchema,
  paymentInitReplySchema,
  paymentPlatformDefaultPaths,
  paymentPlatformErrorCodes,
  paymentQueryReplySchema,
  platformTransactionStates,
  QUERY_ANSWERED_CODE,
  QUERY_NOT_FOUND_CODES,
} from '../../contracts/payment-platform';
import { GatewayError } from '../core/gateway-error';
import { fromNationalTimestamp, toNationalTimestamp } from '../core/national-time';
import { computePaymentChecksum } from '../core/payment-checksum';
import {
  initTimestampCandidates,
  type PaymentPartnerProfile,
  toPaymentInitRequest,
} from '../core/translate-payment';
import type { PaymentAttempt, PaymentPlatform, PlatformPaymentStatus } from '../ports/payment-platform';
import { parseTransactionList } from './paygov-transaction-list';
import { retryAfterSeconds } from './retry-after-seconds';

/**
 * The national payment platform over its JSON protocol 1.0.6 (DOMAIN.md): Bearer token, one
 * message type per call (LoaiBanTin), every message signed with MaXacThuc. Bodies carry the
 * payer's personal data, so no error message here ever quotes a body.
 */
export interface PaygovPaymentPlatformOptions extends PaymentPartnerProfile {
  readonly baseUrl: string;
  /** Partner secrets: the first signs, all verify (two during a rotation; the transaction list). */
  readonly secrets: readonly string[];
  /**
   * The partner's API token (Authorization: Bearer); without one no Authorization header is
   * sent, as [TH] DvcPaymentService.cs does when its AccessToken is empty.
   */
  readonly apiToken?: string;
  readonly paths?: Partial<PaymentPlatformPaths>;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
}

const statesByCode: Record<string, PlatformPaymentStatus['state']> = {
  [platformTransactionStates.paid]: 'paid',
  [platformTransactionStates.pending]: 'pending',
  [platformTransactionStates.failed]: 'failed',
};

export function createPaygovPaymentPlatform(options: PaygovPaymentPlatformOptions): PaymentPlatform {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const paths = { ...paymentPlatformDefaultPaths, ...options.paths };
  const [signingSecret] = options.secrets;
  if (!signingSecret) throw new Error('payment platform: no partner secret configured');

  function sign<T extends Record<string, unknown>>(message: ChecksummedMessage, fields: T) {
    return {
      ...fields,
      MaXacThuc: computePaymentChecksum(checksumValues(message, fields), signingSecret as string),
    };
  }

  async function post(operation: keyof PaymentPlatformPaths, body: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(new URL(paths[operation], options.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiToken ? { authorization: `Bearer ${options.apiToken}` } : {}),
        },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new GatewayError(
        'payment.platformUnavailable',
        `payment platform unreachable (${operation}): ${(error as Error).message}`,
        { retryAfterSeconds: 5, cause: error },
      );
    }
    if (response.status === 429 || response.status >= 500) {
      await response.body?.cancel();
      throw new GatewayError(
        'payment.platformUnavailable',
        `payment platform answered HTTP ${response.status}`,
        {
          retryAfterSeconds: retryAfterSeconds(response) ?? 5,
        },
      );
    }
    if (response.status >= 400) {
      await response.body?.cancel();
      throw new GatewayError(
        'payment.platformRejected',
        `payment platform refused ${operation} with HTTP ${response.status}`,
        {
          details: { platformHttpStatus: response.status },
        },
      );
    }
    return response;
  }

  async function json(response: Response, operation: string): Promise<unknown> {
    try {
      return await response.json();
    } catch (error) {
      throw new GatewayError(
        'payment.platformUnavailable',
        `payment platform answered ${operation} with non-JSON`,
        {
          retryAfterSeconds: 5,
          cause: error,
        },
      );
    }
  }

  function platformRefusal(operation: string, code: string, message: unknown): GatewayError {
    const text = typeof message === 'string' ? message : '';
    return new GatewayError(
      'payment.platformRejected',
      `Nền tảng thanh toán từ chối ${operation} (mã ${code}) / The payment platform refused ${operation} (code ${code})${text ? `: ${text.slice(0, 200)}` : ''}`,
      { details: { platformErrorCode: code } },
    );
  }

  /** QUERY and GET_BILL name the payment by its reference and its INIT's ThoiGianGD [TH]. */
  function referenceMessage(kind: 'QUERY' | 'GET_BILL', payment: PaymentAttempt, initTimestamp: string) {
    return sign(kind, {
      LoaiBanTin: kind,
      PhienBan: PAYMENT_PROTOCOL_VERSION,
      MaDoiTac: options.partnerCode,
      MaThamChieu: payment.reference,
      ThoiGianGD: initTimestamp,
    });
  }

  const unreadable = (detail: string) =>
    new GatewayError('payment.platformUnavailable', detail, { retryAfterSeconds: 5 });

  return {
    async initiate(payment) {
      const request = sign('INIT', toPaymentInitRequest(payment, options));
      const reply = paymentInitReplySchema.safeParse(await json(await post('init', request), 'INIT'));
      if (!reply.success) {
        throw new GatewayError('payment.platformUnavailable', 'INIT reply is not an error_code envelope', {
          retryAfterSeconds: 5,
        });
      }
      if (reply.data.error_code !== paymentPlatformErrorCodes.ok) {
        throw platformRefusal('INIT', reply.data.error_code, reply.data.message);
      }
      const message = reply.data.message;
      let url: unknown = typeof message === 'object' ? message.UrlThanhToan : undefined;
      if (typeof message === 'string') {
        try {
          url = (JSON.parse(message) as { UrlThanhToan?: unknown }).UrlThanhToan;
        } catch {
          url = undefined;
        }
      }
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
        // Accepted but unreadable: the outcome is unknown, so the payment stays initiating.
        throw new GatewayError(
          'payment.platformUnavailable',
          'INIT accepted without a readable UrlThanhToan',
          {
            retryAfterSeconds: 5,
          },
        );
      }
      return { paymentUrl: url };
    },

    /**
     * The reply is {MaLoi, MoTaLoi, TrangThaiGD, ...} with no error_code [TH
     * CheckConfirmGiaoDichThanhToanHandler]; [TH] checks no checksum on it, and none is
     * invented here: the answer is trusted as the platform's because the gateway asked it,
     * over TLS, with its token. It must still be about this reference and name a state.
     */
    async query(payment) {
      // A later ThoiGianGD is asked only when the platform did not recognise the earlier one:
      // a payment initiated before the wire change may name another second (issue 16 item 7).
      const ask = async (stamp: string) => {
        const reply = paymentQueryReplySchema.safeParse(
          await json(await post('query', referenceMessage('QUERY', payment, stamp)), 'QUERY'),
        );
        if (!reply.success) throw unreadable('QUERY reply is not a {MaLoi, TrangThaiGD} answer');
        return reply.data;
      };
      const [first, ...later] = initTimestampCandidates(payment);
      let answer = await ask(first);
      for (const stamp of later) {
        if (answer.MaLoi === QUERY_ANSWERED_CODE) break;
        answer = await ask(stamp);
      }
      if (QUERY_NOT_FOUND_CODES.includes(answer.MaLoi)) return undefined;
      if (answer.MaLoi !== QUERY_ANSWERED_CODE) {
        // An unknown code says nothing about the money: ask again later, never settle on it.
        throw unreadable(`QUERY for ${payment.reference} answered MaLoi ${answer.MaLoi}`);
      }
      if ((answer.MaThamChieu && answer.MaThamChieu !== payment.reference) || !answer.TrangThaiGD) {
        throw unreadable(`QUERY reply for ${payment.reference} names another reference or no TrangThaiGD`);
      }
      return {
        state: statesByCode[answer.TrangThaiGD] ?? 'pending',
        ...(answer.SoTien === undefined || answer.SoTien === null ? {} : { amount: answer.SoTien }),
        ...(answer.MaGiaoDich ? { platformTransactionId: answer.MaGiaoDich } : {}),
        ...(answer.MaNganHang ? { bankCode: answer.MaNganHang } : {}),
        ...(answer.ThoiGianGD ? { at: fromNationalTimestamp(answer.ThoiGianGD) } : {}),
      };
    },

    async getBill(payment) {
      let body: unknown;
      for (const stamp of initTimestampCandidates(payment)) {
        const response = await post('getBill', referenceMessage('GET_BILL', payment, stamp));
        if (/application\/pdf/i.test(response.headers.get('content-type') ?? '')) {
          return new Uint8Array(await response.arrayBuffer());
        }
        body = await json(response, 'GET_BILL');
      }
      const refusal = paymentErrorReplySchema.safeParse(body);
      const answer = paymentQueryReplySchema.safeParse(body);
      throw platformRefusal(
        'GET_BILL',
        refusal.success ? refusal.data.error_code : answer.success ? answer.data.MaLoi : 'unknown',
        refusal.success ? refusal.data.message : answer.success ? answer.data.MoTaLoi : undefined,
      );
    },

    async listTransactions(day) {
      const request = sign('TRANSACTION_LIST', {
        LoaiBanTin: 'DOISOAT',
        PhienBan: PAYMENT_PROTOCOL_VERSION,
        MaDoiTac: options.partnerCode,
        NgayGiaoDich: day.replace(/-/g, ''),
        ThoiGianGD: toNationalTimestamp(now()),
      });
      const response = await post('transactionList', request);
      return parseTransactionList(await response.text(), {
        partnerCode: options.partnerCode,
        day,
        secrets: options.secrets,
      });
    },
  };
}
