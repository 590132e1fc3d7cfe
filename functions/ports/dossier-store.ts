import type {
  DeliveryAttempt,
  DeliveryProgress,
  MessageState,
  MessageSummary,
  StoredMessage,
} from '../core/dossier-message';

export interface PendingMessageRef {
  readonly dossierCode: string;
  readonly sequence: number;
  readonly pendingSince: string;
}

/**
 * Correlation state: every dossier's accepted messages (ordered by a per-dossier sequence)
 * and its delivery progress. The store is the source of truth; queues only carry references.
 */
export interface DossierStore {
  /** Accepted messages of a dossier, ascending by sequence, without payloads. */
  listMessages(dossierCode: string): Promise<MessageSummary[]>;
  getMessage(dossierCode: string, sequence: number): Promise<StoredMessage | undefined>;
  /**
   * Records a message at its sequence number if no other message holds it.
   * Throws GatewayError 'sequence.taken' when another writer got there first.
   */
  appendMessage(message: StoredMessage): Promise<void>;
  getDeliveryProgress(dossierCode: string): Promise<DeliveryProgress>;
  /**
   * Marks message `sequence` delivered and moves the dossier's progress from sequence-1 to
   * sequence; a no-op for a sequence that is already delivered.
   */
  recordDelivery(
    dossierCode: string,
    sequence: number,
    attempt: DeliveryAttempt,
    progress: Omit<DeliveryProgress, 'deliveredSequence'>,
  ): Promise<void>;
  recordFailedAttempt(
    dossierCode: string,
    sequence: number,
    attempt: DeliveryAttempt,
    state: MessageState,
  ): Promise<void>;
  listAttempts(dossierCode: string): Promise<Map<number, DeliveryAttempt[]>>;
  /** Messages accepted but not delivered since before `olderThan`, oldest first. */
  listPending(olderThan: string, limit: number): Promise<PendingMessageRef[]>;
  ping(): Promise<void>;
}
