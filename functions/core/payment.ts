import type { FeeLine } from '../../contracts/provincial-api';

/**
 * A payment: one attempt to collect a dossier's fees on the national payment platform, under
 * one reference (MaThamChieu). `initiating` is internal: the record exists before the INIT
 * call so that a crash or a timeout can never leave a platform transaction the gateway does
 * not know; callers see it as `pending`.
 */
export type PaymentState = 'initiating' | 'pending' | 'paid' | 'failed' | 'expired';

/** States a payment can still leave on its own (the status poller looks after them). */
export const openPaymentStates: readonly PaymentState[] = ['initiating', 'pending'];

export interface Payer {
  readonly name: string;
  readonly idNumber?: string;
  readonly address?: string;
}

export interface Beneficiary {
  readonly accountNumber: string;
  readonly bankCode: string;
  readonly accountName: string;
}

/** A contradicting or repeated outcome that was recorded but not applied. */
export interface RecordedOutcome {
  readonly at: string;
  readonly event: string;
  readonly detail: string;
}

export interface Payment {
  readonly paymentId: string;
  /** MaThamChieu: unique per attempt, derived from the payment id (payment-reference.ts). */
  readonly reference: string;
  readonly dossierCode: string;
  readonly agencyCode: string;
  /** The unit's name (TenDonVi of the receipt), when the gateway knows it. */
  readonly agencyName?: string;
  readonly procedureCode?: string;
  readonly procedureName?: string;
  /** The client that asked for it; idempotency keys are scoped to it. */
  readonly clientId: string;
  readonly idempotencyKey?: string;
  readonly requestHash: string;
  readonly amount: number;
  readonly lines: readonly FeeLine[];
  /** Personal data: stored to build INIT (again, on a resume), never logged. */
  readonly payer: Payer;
  readonly beneficiary?: Beneficiary;
  readonly returnUrl: string;
  readonly description?: string;
  readonly state: PaymentState;
  readonly createdAt: string;
  /** When the latest INIT attempt began; a resume claims it with a conditional write. */
  readonly initiatingSince: string;
  readonly paymentUrl?: string;
  readonly expiresAt?: string;
  readonly platformTransactionId?: string;
  readonly bankCode?: string;
  readonly failureCode?: string;
  /** When it reached its current outcome (the platform's time for paid and failed). */
  readonly settledAt?: string;
  /** When the gateway stored the current state (settledAt is the platform's time). */
  readonly stateChangedAt?: string;
  /** The platform refused the INIT: the original answer a repeat of the request gets again. */
  readonly initiationError?: { readonly code: string; readonly message: string };
  /** The outcome is stored but its relay messages may not be accepted yet. */
  readonly relayPending?: boolean;
  readonly recordedOutcomes?: readonly RecordedOutcome[];
}
