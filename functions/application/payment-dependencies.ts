import type { AgencyNames } from '../ports/agency-names';
import type { BusinessMetrics } from '../ports/business-metrics';
import type { PaymentPlatform } from '../ports/payment-platform';
import type { PaymentStore } from '../ports/payment-store';
import type { AcceptDependencies } from './accept-message';

/** How the gateway runs payments; from the topology and the runtime's configuration. */
export interface PaymentSettings {
  /** MaDoiTac. */
  readonly partnerCode: string;
  /** Partner secrets for MaXacThuc: the first signs, every one verifies (rotation). */
  readonly secrets: readonly string[];
  /** How long the payer has; the status poller closes an unpaid payment after it. */
  readonly lifetimeSeconds: number;
  /** An INIT younger than this is in flight: a repeat of the request waits instead of resuming it. */
  readonly initiationTimeoutSeconds: number;
  /** A pending payment without a callback is first asked about (QUERY) this long after it was created. */
  readonly queryAfterSeconds: number;
  /** Then again this often until it settles or expires. */
  readonly queryEverySeconds: number;
  /** A settled payment whose relay is still pending this long after is finished by the next callback or poll. */
  readonly relayRecoveryAfterSeconds: number;
  /** How far a callback's ThoiGianGD may lie after now or before the payment's creation. */
  readonly callbackClockSkewSeconds: number;
}

/** Everything the payment use cases need: the shared relay ports plus the payment ones. */
export interface PaymentDependencies extends AcceptDependencies {
  readonly payments: PaymentStore;
  readonly paymentPlatform: PaymentPlatform;
  readonly paymentSettings: PaymentSettings;
  readonly metrics: BusinessMetrics;
  /** The unit name for the receipt (TenDonVi). */
  readonly agencyNames: AgencyNames;
}
