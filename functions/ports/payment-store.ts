import type { Payment, RecordedOutcome } from '../core/payment';

/** Who holds an idempotency key of the payment API, and for which request. */
export interface PaymentKeyClaim {
  readonly paymentId: string;
  readonly requestHash: string;
}

/** The payment that holds a dossier's one open-payment slot, for which request, since when. */
export interface OpenPaymentSlot extends PaymentKeyClaim {
  readonly takenAt: string;
}

/** The state a conditional update expects to find; it applies only if the payment still has it. */
export interface ExpectedPayment {
  readonly state: Payment['state'];
  readonly initiatingSince?: string;
}

/**
 * Changes to a payment. `dueAt` sets when the status poller next looks at it; null takes the
 * payment off the poller's list.
 */
export type PaymentChanges = Partial<
  Omit<Payment, 'paymentId' | 'reference' | 'dossierCode' | 'createdAt' | 'recordedOutcomes'>
> & { readonly dueAt?: string | null };

export interface DuePayment {
  readonly paymentId: string;
  readonly dueAt: string;
}

/**
 * Payments and what finds them: by id (and so by reference), by dossier, by the Vietnam day
 * they were created, and the ones due for the status poller. Every change of state is one
 * conditional write on the payment itself.
 */
export interface PaymentStore {
  getPayment(paymentId: string): Promise<Payment | undefined>;
  /** Claims a client's idempotency key for `paymentId`, or returns the claim that is already there. */
  claimKey(
    clientId: string,
    key: string,
    claim: PaymentKeyClaim & { readonly at: string },
  ): Promise<PaymentKeyClaim>;
  /** Moves a claim from a payment that was never created to the one that answers for it. */
  repointKey(clientId: string, key: string, from: string, to: string): Promise<void>;
  /** Takes the dossier's open-payment slot for `slot.paymentId`, or returns the slot's holder. */
  takeOpenSlot(dossierCode: string, slot: OpenPaymentSlot): Promise<OpenPaymentSlot>;
  /** Frees the slot if `paymentId` still holds it. */
  releaseOpenSlot(dossierCode: string, paymentId: string): Promise<void>;
  /** Lists the payment under its dossier and its day; repeatable. */
  indexPayment(payment: Payment): Promise<void>;
  /** Stores a new payment; false if one with the same id exists. */
  insertPayment(payment: Payment, dueAt: string): Promise<boolean>;
  /** Applies `changes` if the payment is as `expected`; the updated payment, or undefined if it was not. */
  updatePayment(
    paymentId: string,
    expected: ExpectedPayment,
    changes: PaymentChanges,
  ): Promise<Payment | undefined>;
  /** Keeps an outcome that was not applied; false if the same one (by key) was kept already. */
  recordOutcome(paymentId: string, key: string, outcome: RecordedOutcome): Promise<boolean>;
  /** Payments the poller should look at before `dueBefore`, oldest first. */
  listDue(dueBefore: string, limit: number): Promise<DuePayment[]>;
  listDossierPayments(dossierCode: string): Promise<Payment[]>;
  /** Payments created on a Vietnam calendar day (yyyy-MM-dd). */
  listDayPayments(day: string): Promise<Payment[]>;
}
