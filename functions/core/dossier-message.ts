import type { DossierStatus } from '../../contracts/dossier-status';
import { isFeedbackSubject } from '../../contracts/feedback';
import type { TrackedFacts } from './dossier-tracking';

/**
 * A dossier's messages flow in two independent ordered channels: toward the national portal
 * and toward the owning provincial system. Each channel has its own sequence and progress.
 */
export type Channel = 'national' | 'province';

/**
 * Whether a message's dossier belongs on the recent-dossiers list: national-channel dossiers
 * only; citizens' feedback rides the same channels under its own subjects and is no dossier.
 */
export const isListedDossier = (ref: { readonly channel: Channel; readonly dossierCode: string }) =>
  ref.channel === 'national' && !isFeedbackSubject(ref.dossierCode);

export const channelKinds = {
  // dossier.resync: an administrator's answer to a drift finding (functions/application/resync-dossier.ts).
  national: ['dossier.sync', 'dossier.status', 'payment.progress', 'dossier.resync', 'feedback.reply'],
  province: [
    'dossier.submitted',
    'dossier.status_changed',
    'payment.succeeded',
    'payment.failed',
    'dossier.due_soon',
    'dossier.overdue',
    'feedback.received',
    'rating.received',
    'feedback.due_soon',
    'feedback.overdue',
  ],
} as const satisfies Record<Channel, readonly string[]>;

export type MessageKind = (typeof channelKinds)[Channel][number];

/**
 * accepted: stored, on its way; delivered: acknowledged by the receiver; parked: needs an
 * admin; held: waits behind a parked predecessor; discarded: an admin decided to skip it.
 */
export type MessageState = 'accepted' | 'delivered' | 'parked' | 'held' | 'discarded';

/** What the gateway keeps about every accepted message, without its payload. */
export interface MessageSummary {
  readonly channel: Channel;
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
  /** How many times an admin replayed it; part of the queue deduplication id. */
  readonly replays?: number;
}

export interface StoredMessage extends MessageSummary {
  readonly payload: unknown;
  /** The payload as first accepted, kept when an admin edits it before a replay. */
  readonly originalPayload?: unknown;
}

export interface DeliveryAttempt {
  readonly at: string;
  readonly outcome: 'delivered' | 'failed' | 'parked' | 'held' | 'replayed' | 'discarded';
  readonly latencyMs: number;
  readonly detail: string;
}

/** Per-dossier, per-channel delivery progress, written by the relay and by admin actions. */
export interface DeliveryProgress {
  readonly deliveredSequence: number;
  /** True once the portal has the dossier, so the next DongBoHoSoMC is an update. */
  readonly nationalSynced: boolean;
  readonly nationalStatus?: DossierStatus;
  readonly lastSyncedAt?: string;
  readonly lastError?: string;
  /** The parked message everything later waits behind. */
  readonly parkedSequence?: number;
  /**
   * The message whose delivery's first call the receiver took while its second may still be
   * owed (national channel: a status change's DongBoHoSoMC update before its progress row,
   * docs/adr/0013). Meaningful only when it is deliveredSequence + 1.
   */
  readonly firstStepSequence?: number;
  /** National channel: what deadlines and indicators need between messages. */
  readonly tracked?: TrackedFacts;
  /** The promised date (UTC ISO) each deadline notice was last sent for. */
  readonly dueSoonNoticeFor?: string;
  readonly overdueNoticeFor?: string;
}

/** What a delivery moves in its dossier's progress. */
export interface ProgressUpdate
  extends Partial<Pick<DeliveryProgress, 'nationalSynced' | 'nationalStatus' | 'lastSyncedAt' | 'tracked'>> {
  /** A promised date to watch for deadline notices, or null to stop watching; absent: unchanged. */
  readonly watchDeadline?: string | null;
}

export const noDeliveryYet: DeliveryProgress = { deliveredSequence: 0, nationalSynced: false };

export type FailureReason = 'rejected' | 'exhausted';

/** A parked message as administrators see it (DESIGN.md flow 4). */
export interface FailedMessage {
  readonly messageId: string;
  readonly queue: string;
  readonly channel: Channel;
  readonly dossierCode: string;
  readonly agencyCode: string;
  readonly sequence: number;
  readonly kind: MessageKind;
  readonly reason: FailureReason;
  readonly lastError: string;
  readonly attempts: number;
  readonly firstAttemptAt?: string;
  readonly lastAttemptAt?: string;
  readonly parkedAt: string;
  readonly status: 'parked' | 'replayed' | 'discarded';
}
