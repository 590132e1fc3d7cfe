import { type PlatformTransaction, platformTransactionStates } from '../../../contracts/payment-platform';
import { GatewayError, type GatewayErrorCode } from '../../core/gateway-error';
import { toNationalTimestamp } from '../../core/national-time';
import type { Payment } from '../../core/payment';
import { vietnamDay } from '../../core/vietnam-time';
import type { PaymentPlatform, PlatformPaymentStatus } from '../../ports/payment-platform';

interface Transaction {
  readonly reference: string;
  readonly createdAt: string;
  readonly amount: number;
  status: PlatformPaymentStatus;
}

type PlatformFailure = Extract<GatewayErrorCode, 'payment.platformUnavailable' | 'payment.platformRejected'>;

export interface InMemoryPaymentPlatform extends PaymentPlatform {
  /** INITs the platform took, by reference, in order (a repeat of a reference counts again). */
  readonly initiated: readonly string[];
  /** The payer pays (or the bank declines): what QUERY and the transaction list say from now on. */
  settle(reference: string, outcome: { state: 'paid' | 'failed'; at: string; amount?: number }): void;
  /** The next call fails: unavailable (its outcome unknown) or refused with a platform error code. */
  failNext(code: PlatformFailure, platformErrorCode?: string): void;
}

/**
 * The payment platform in memory, with the rules the gateway relies on: the same reference
 * initiated twice is one transaction with one URL, QUERY knows only initiated references, and
 * the day's list holds every transaction of the day it was initiated.
 */
export function createInMemoryPaymentPlatform(): InMemoryPaymentPlatform {
  const transactions = new Map<string, Transaction>();
  const initiated: string[] = [];
  let failure: { code: PlatformFailure; platformErrorCode?: string } | undefined;
  const answerFailure = () => {
    const pending = failure;
    failure = undefined;
    if (!pending) return;
    throw new GatewayError(pending.code, `the in-memory platform was told to fail (${pending.code})`, {
      details: pending.platformErrorCode ? { platformErrorCode: pending.platformErrorCode } : {},
    });
  };
  const known = (reference: string) => {
    const transaction = transactions.get(reference);
    if (!transaction) throw new GatewayError('payment.platformRejected', `no transaction ${reference}`);
    return transaction;
  };
  return {
    initiated,
    settle(reference, outcome) {
      const transaction = known(reference);
      transaction.status = {
        state: outcome.state,
        amount: outcome.amount ?? transaction.amount,
        at: outcome.at,
        ...(outcome.state === 'paid' ? { platformTransactionId: `GD-${reference}`, bankCode: 'VCB' } : {}),
      };
    },
    failNext(code, platformErrorCode) {
      failure = { code, ...(platformErrorCode ? { platformErrorCode } : {}) };
    },
    async initiate(payment: Payment) {
      answerFailure();
      initiated.push(payment.reference);
      if (!transactions.has(payment.reference)) {
        transactions.set(payment.reference, {
          reference: payment.reference,
          createdAt: payment.createdAt,
          amount: payment.amount,
          status: { state: 'pending' },
        });
      }
      return { paymentUrl: `https://paygov.example.vn/pay/${payment.reference}` };
    },
    async query(attempt) {
      answerFailure();
      return transactions.get(attempt.reference)?.status;
    },
    async getBill(attempt) {
      answerFailure();
      const transaction = known(attempt.reference);
      if (transaction.status.state !== 'paid') {
        throw new GatewayError('payment.platformRejected', `${attempt.reference} is not paid`);
      }
      return new TextEncoder().encode(`%PDF-1.4 biên lai ${attempt.reference}`);
    },
    async listTransactions(day): Promise<PlatformTransaction[]> {
      answerFailure();
      return [...transactions.values()]
        .filter((transaction) => vietnamDay(new Date(transaction.createdAt)) === day)
        .map((transaction) => ({
          MaThamChieu: transaction.reference,
          MaGiaoDich: transaction.status.platformTransactionId ?? '',
          SoTien: String(transaction.status.amount ?? transaction.amount),
          MaTienTe: 'VND',
          TrangThaiGD: platformTransactionStates[transaction.status.state],
          ThoiGianGD: toNationalTimestamp(transaction.status.at ?? transaction.createdAt),
          MaNganHang: transaction.status.bankCode ?? '',
        }));
    },
  };
}
