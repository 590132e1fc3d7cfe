import {
  type ChecksummedMessage,
  checksumValues,
  PAYMENT_PROTOCOL_VERSION,
  type PaymentPlatformPaths,
  paymentInitReplySchema,
  paymentPlatformDefaultPaths,
  paymentPlatformErrorCodes,
  paymentQueryReplySchema,
  platformTransactionStates,
} from '../../contracts/payment-platform';
import { GatewayError } from '../core/gateway-error';
import { fromNationalTimestamp, toNationalTimestamp } from '../core/national-time';
import { computePaymentChecksum, verifyPaymentChecksum } from '../core/payment-checksum';
import { type PaymentPartnerProfile, toPaymentInitRequest } from '../core/translate-payment';
import type { PaymentPlatform, PlatformPaymentStatus } from '../ports/payment-platform';
import { parseTransactionList } from './paygov-transaction-list';
import { retryAfterSeconds } from './retry-after-seconds';

/**
 * The national payment platform over its JSON protocol 1.0.6 (DOMAIN.md): Bearer token, one
 * message type per call (LoaiBanTin), every message signed with MaXacThuc. Bodies carry the
 * payer's personal data, so no error message here ever quotes a body.
 */
export interface PaygovPaymentPlatformOptions extends PaymentPartnerProfile {
  readonly baseUrl: string;
  /** Partner secrets: the first signs, all verify (two during a rotation). */
  readonly secrets: readonly string[];
  /** The partner's API token (Authorization: Bearer). */
  readonly apiToken: string;
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
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiToken}` },
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

  function referenceMessage(kind: 'QUERY' | 'GET_BILL', reference: string) {
    return sign(kind, {
      LoaiBanTin: kind,
      PhienBan: PAYMENT_PROTOCOL_VERSION,
      MaDoiTac: options.partnerCode,
      MaThamChieu: reference,
      ThoiGianGD: toNationalTimestamp(now()),
    });
  }

  return {
    async initiate(payment) {
      const request = sign('INIT', toPaymentInitRequest(payment, options, now()));
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

    async query(reference) {
      const reply = paymentQueryReplySchema.safeParse(
        await json(await post('query', referenceMessage('QUERY', reference)), 'QUERY'),
      );
      if (!reply.success) {
        throw new GatewayError('payment.platformUnavailable', 'QUERY reply is unreadable', {
          retryAfterSeconds: 5,
        });
      }
      const answer = reply.data;
      if (answer.error_code === paymentPlatformErrorCodes.notFound) return undefined;
      if (answer.error_code !== paymentPlatformErrorCodes.ok)
        throw platformRefusal('QUERY', answer.error_code, answer.message);
      // The answer moves money state, so it must be the platform's: signed, and about this reference.
      if (
        answer.MaThamChieu !== reference ||
        !answer.TrangThaiGD ||
        !verifyPaymentChecksum(checksumValues('QUERY_REPLY', answer), answer.MaXacThuc ?? '', options.secrets)
      ) {
        throw new GatewayError(
          'payment.platformUnavailable',
          `QUERY reply for ${reference} failed its checksum`,
          {
            retryAfterSeconds: 5,
          },
        );
      }
      return {
        state: statesByCode[answer.TrangThaiGD] ?? 'pending',
        ...(answer.SoTien ? { amount: Number(answer.SoTien) } : {}),
        ...(answer.MaGiaoDich ? { platformTransactionId: answer.MaGiaoDich } : {}),
        ...(answer.MaNganHang ? { bankCode: answer.MaNganHang } : {}),
        ...(answer.ThoiGianGD ? { at: fromNationalTimestamp(answer.ThoiGianGD) } : {}),
      };
    },

    async getBill(reference) {
      const response = await post('getBill', referenceMessage('GET_BILL', reference));
      if (/application\/pdf/i.test(response.headers.get('content-type') ?? '')) {
        return new Uint8Array(await response.arrayBuffer());
      }
      const reply = paymentQueryReplySchema.safeParse(await json(response, 'GET_BILL'));
      throw platformRefusal(
        'GET_BILL',
        reply.success ? reply.data.error_code : 'unknown',
        reply.data?.message,
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
