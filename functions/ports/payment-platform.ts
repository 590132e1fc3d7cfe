import type { PlatformTransaction } from '../../contracts/payment-platform';
import type { Payment } from '../core/payment';

/**
 * What names one payment attempt to the platform after its INIT. `initiatingSince` finds a
 * payment whose INIT the code before the wire change stamped with the time of the call
 * (translate-payment initTimestampCandidates).
 */
export type PaymentAttempt = Pick<Payment, 'reference' | 'createdAt'> &
  Partial<Pick<Payment, 'initiatingSince'>>;

/** What the platform says about one of our references (QUERY). */
export interface PlatformPaymentStatus {
  readonly state: 'paid' | 'pending' | 'failed';
  readonly amount?: number;
  readonly platformTransactionId?: string;
  readonly bankCode?: string;
  /** ISO 8601, when the platform settled it. */
  readonly at?: string;
}

/**
 * The national payment platform. Throws GatewayError 'payment.platformUnavailable' (try again
 * later: the outcome of the call is unknown) or 'payment.platformRejected' (it answered no).
 */
export interface PaymentPlatform {
  /** INIT; the URL where the payer pays. The same reference twice is answered the same. */
  initiate(payment: Payment): Promise<{ readonly paymentUrl: string }>;
  /**
   * QUERY about one payment, named by its reference and the ThoiGianGD of its INIT (the
   * payment's creation); undefined when the platform has no transaction with this reference.
   */
  query(payment: PaymentAttempt): Promise<PlatformPaymentStatus | undefined>;
  /** GET_BILL: the e-receipt, a PDF; asked like QUERY. */
  getBill(payment: PaymentAttempt): Promise<Uint8Array>;
  /** The day's transactions (Vietnam calendar day, yyyy-MM-dd), for reconciliation. */
  listTransactions(day: string): Promise<PlatformTransaction[]>;
}
