import type { PlatformTransaction } from '../../../contracts/payment-platform';
import type { Payment } from '../../core/payment';
import type { PaymentPlatform, PlatformPaymentStatus } from '../../ports/payment-platform';

export interface InMemoryPaymentPlatform extends PaymentPlatform {
  /** Payments it was asked to initiate, by reference (an INIT repeated with one reference is one). */
  readonly initiated: Map<string, Payment>;
  /** What QUERY answers, by reference; a reference absent here is unknown to the platform. */
  readonly statuses: Map<string, PlatformPaymentStatus>;
  /** The transaction list per Vietnam day, for reconciliation. */
  readonly transactions: Map<string, PlatformTransaction[]>;
  /** Errors the next calls throw, one per call, first first. */
  readonly failures: Error[];
}

/** The national payment platform in memory: INIT answers a URL per reference, QUERY what a test set. */
export function createInMemoryPaymentPlatform(): InMemoryPaymentPlatform {
  const platform: InMemoryPaymentPlatform = {
    initiated: new Map(),
    statuses: new Map(),
    transactions: new Map(),
    failures: [],
    async initiate(payment) {
      throwQueuedFailure();
      platform.initiated.set(payment.reference, payment);
      if (!platform.statuses.has(payment.reference))
        platform.statuses.set(payment.reference, { state: 'pending' });
      return { paymentUrl: `https://pay.example.vn/${payment.reference}` };
    },
    async query({ reference }) {
      throwQueuedFailure();
      return platform.statuses.get(reference);
    },
    async getBill({ reference }) {
      throwQueuedFailure();
      return new TextEncoder().encode(`%PDF receipt ${reference}`);
    },
    async listTransactions(day) {
      throwQueuedFailure();
      return platform.transactions.get(day) ?? [];
    },
  };
  function throwQueuedFailure(): void {
    const failure = platform.failures.shift();
    if (failure) throw failure;
  }
  return platform;
}
