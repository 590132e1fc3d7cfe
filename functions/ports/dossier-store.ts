import type { DossierStatus } from '../../contracts/dossier-status';
import type {
  Channel,
  DeliveryAttempt,
  DeliveryProgress,
  FailedMessage,
  MessageSummary,
  ProgressUpdate,
  StoredMessage,
} from '../core/dossier-message';
import type { Page, PageQuery } from './page';

/** A message's summary with every delivery attempt, as the one item that holds them both. */
export interface MessageHistory extends MessageSummary {
  readonly attempts: readonly DeliveryAttempt[];
}

export interface PendingMessageRef {
  readonly channel: Channel;
  readonly dossierCode: string;
  readonly sequence: number;
  readonly pendingSince: string;
}

export interface FailedMessageQuery extends PageQuery {
  readonly queue: string;
  readonly dossierCode?: string;
  readonly agencyCode?: string;
  readonly reason?: FailedMessage['reason'];
  readonly status?: FailedMessage['status'];
  readonly from?: string;
  readonly to?: string;
  /** Only records strictly older than this position (`<parkedAt>#<messageId>`), for paging across queues. */
  readonly before?: string;
}

/** A dossier on the recent-dossiers list: where its national channel's latest message left it. */
export interface DossierListing {
  readonly dossierCode: string;
  readonly agencyCode: string;
  /** The day its code was issued (yyyy-MM-dd, Vietnam): the list's order and date filter. */
  readonly day: string;
  readonly status: DossierStatus;
  /** The sequence and acceptance time of the message the listing reflects. */
  readonly sequence: number;
  readonly updatedAt: string;
}

export interface DossierListQuery extends PageQuery {
  /** Days of the dossier codes, yyyy-MM-dd, both included; read newest day first. */
  readonly fromDay: string;
  readonly toDay: string;
  readonly agencyCode?: string;
  readonly status?: DossierStatus;
}

/**
 * Correlation state: every dossier's accepted messages, per channel and ordered by a
 * per-dossier sequence, their delivery progress, and the failed-message records admins work
 * from. The store is the source of truth; queues only carry references.
 */
export interface DossierStore {
  /** Accepted messages of a dossier in one channel, ascending by sequence, without payloads. */
  listMessages(channel: Channel, dossierCode: string): Promise<MessageSummary[]>;
  /**
   * The same, each with its delivery attempts, read in one query: every message's state and the
   * attempt that set it come from one item, so a reader sees each change of a message whole.
   */
  listHistory(channel: Channel, dossierCode: string): Promise<MessageHistory[]>;
  getMessage(channel: Channel, dossierCode: string, sequence: number): Promise<StoredMessage | undefined>;
  /**
   * Records a message at its sequence number if no other message holds it.
   * Throws GatewayError 'sequence.taken' when another writer got there first.
   */
  appendMessage(message: StoredMessage): Promise<void>;
  getDeliveryProgress(channel: Channel, dossierCode: string): Promise<DeliveryProgress>;
  /**
   * Moves the dossier's progress from sequence-1 to sequence, then marks the message delivered
   * with its attempt; for a sequence whose progress moved already (a copy after a crash between
   * the two writes), only the second. Progress first: a crash between them leaves a message that
   * still looks pending, which the sweeper re-enqueues and the relay tidies as a duplicate.
   * Throws 'sequence.taken' when the progress is behind sequence-1.
   */
  recordDelivery(
    message: Pick<MessageSummary, 'channel' | 'dossierCode' | 'sequence'>,
    attempt: DeliveryAttempt,
    progress: ProgressUpdate,
  ): Promise<void>;
  /**
   * Records that the receiver took the first call of delivering `sequence` (a status change's
   * DongBoHoSoMC update, before its progress row) as the progress's `firstStepSequence`, while
   * `sequence` is still the next to deliver. False when the dossier's progress has moved on.
   */
  recordFirstStep(message: Pick<MessageSummary, 'channel' | 'dossierCode' | 'sequence'>): Promise<boolean>;
  /**
   * Appends a failed attempt; the message stays accepted and will be retried. The dossier goes on
   * the recent-dossiers list then if it is not there yet: while the receiver is down, what was
   * accepted shows without waiting for its delivery.
   */
  recordFailedAttempt(message: MessageSummary, attempt: DeliveryAttempt): Promise<void>;
  /** Parks a message: out of the pending index, the dossier blocked behind it, a failed-message record written. */
  parkMessage(failed: FailedMessage, attempt: DeliveryAttempt): Promise<void>;
  /** Holds a message behind its dossier's parked predecessor. */
  holdMessage(
    message: Pick<MessageSummary, 'channel' | 'dossierCode' | 'sequence'>,
    attempt: DeliveryAttempt,
  ): Promise<void>;
  /** Held messages of a dossier go back to accepted (and pending); returns them in order. */
  releaseHeld(channel: Channel, dossierCode: string): Promise<MessageSummary[]>;
  /** A parked message becomes accepted again, possibly with an edited payload (the original kept). */
  reviveParked(
    failed: FailedMessage,
    attempt: DeliveryAttempt,
    editedPayload?: unknown,
  ): Promise<MessageSummary>;
  /** A parked message is skipped: progress moves past it. */
  discardParked(failed: FailedMessage, attempt: DeliveryAttempt): Promise<void>;
  /**
   * Dossiers by the day of their code, newest first (within a day, code descending), filtered;
   * each as its latest national-channel message left it. `cursor` continues a previous page.
   */
  listDossiers(query: DossierListQuery): Promise<Page<DossierListing>>;
  getFailedMessage(messageId: string): Promise<FailedMessage | undefined>;
  /** Newest first, filtered; `cursor` continues a previous page. */
  listFailedMessages(query: FailedMessageQuery): Promise<Page<FailedMessage>>;
  /** When the oldest undelivered message was accepted (or last released), if any is pending. */
  oldestPendingSince(): Promise<string | undefined>;
  /** Messages accepted but not delivered since before `olderThan`, oldest first. */
  listPending(olderThan: string, limit: number): Promise<PendingMessageRef[]>;
  ping(): Promise<void>;
}
