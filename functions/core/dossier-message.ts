import type { DossierStatus } from '../../contracts/dossier-status';

export type MessageKind = 'dossier.sync' | 'dossier.status';

/** accepted: stored, on its way; delivered: acknowledged by the receiver; parked: needs an admin. */
export type MessageState = 'accepted' | 'delivered' | 'parked';

/** What the gateway keeps about every accepted message, without its payload. */
export interface MessageSummary {
  readonly dossierCode: string;
  readonly agencyCode: string;
  readonly sequence: number;
  readonly messageId: string;
  readonly kind: MessageKind;
  /** The key the caller chose (Idempotency-Key), or the natural key when it chose none. */
  readonly idempotencyKey: string;
  /** version:<n> for a dossier, event:<id> for a status change. */
  readonly naturalKey: string;
  readonly requestHash: string;
  /** The dossier's status once this message applies. */
  readonly status: DossierStatus;
  readonly version?: number;
  readonly acceptedAt: string;
  readonly state: MessageState;
  readonly traceId: string;
}

export interface StoredMessage extends MessageSummary {
  readonly payload: unknown;
}

export interface DeliveryAttempt {
  readonly at: string;
  readonly outcome: 'delivered' | 'failed' | 'parked';
  readonly latencyMs: number;
  readonly detail: string;
}

/** Per-dossier delivery progress, written only by the relay. */
export interface DeliveryProgress {
  readonly deliveredSequence: number;
  /** True once the portal has the dossier, so the next DongBoHoSoMC is an update. */
  readonly nationalSynced: boolean;
  readonly nationalStatus?: DossierStatus;
  readonly lastSyncedAt?: string;
  readonly lastError?: string;
}

export const noDeliveryYet: DeliveryProgress = { deliveredSequence: 0, nationalSynced: false };
