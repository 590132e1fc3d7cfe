import type {
  Channel,
  DeliveryAttempt,
  DeliveryProgress,
  FailedMessage,
  StoredMessage,
} from '../../core/dossier-message';
import { noDeliveryYet } from '../../core/dossier-message';
import type { DossierListing } from '../../ports/dossier-store';

/** One accepted message as the in-memory store keeps it: the DynamoDB message item's content. */
export interface MessageEntry {
  message: StoredMessage;
  attempts: DeliveryAttempt[];
  /** `<since>#<dossierCode>#<sequence>` while undelivered (the order of the pending list). */
  pendingSince?: string;
}

/** A dossier's delivery progress in one channel, and the promised date it is watched for. */
export interface ProgressEntry {
  progress: DeliveryProgress;
  /** The deadline list's order, `<dueAt>`; absent: not watched. */
  watchedDueAt?: string;
}

/**
 * The dossier items of the in-memory adapters, shared by the dossier store, the deadline watch
 * and the drift sample the way the DynamoDB ones share the table: messages, delivery progress
 * and failed-message records. Plain maps; each write replaces one entry, so a reader between
 * two writes of one operation sees the first and not the second, as with DynamoDB.
 */
export interface InMemoryDossierItems {
  readonly messages: Map<string, MessageEntry>;
  readonly progress: Map<string, ProgressEntry>;
  readonly failed: Map<string, FailedMessage>;
  /** dossierCode -> the recent-dossiers list's entry, a view the relay writes (DynamoDB listing items). */
  readonly listings: Map<string, DossierListing>;
}

export function createInMemoryDossierItems(): InMemoryDossierItems {
  return { messages: new Map(), progress: new Map(), failed: new Map(), listings: new Map() };
}

export const messageKey = (channel: Channel, dossierCode: string, sequence: number) =>
  `${dossierCode}\u0000${channel}\u0000${String(sequence).padStart(10, '0')}`;

export const progressKey = (channel: Channel, dossierCode: string) => `${dossierCode}\u0000${channel}`;

/** The messages of one dossier's channel, in sequence order. */
export function messagesOf(
  items: InMemoryDossierItems,
  channel: Channel,
  dossierCode: string,
): MessageEntry[] {
  const prefix = `${dossierCode}\u0000${channel}\u0000`;
  return [...items.messages.entries()]
    .filter(([key]) => key.startsWith(prefix))
    .sort(([left], [right]) => (left < right ? -1 : 1))
    .map(([, entry]) => entry);
}

export function progressOf(
  items: InMemoryDossierItems,
  channel: Channel,
  dossierCode: string,
): ProgressEntry {
  return items.progress.get(progressKey(channel, dossierCode)) ?? { progress: noDeliveryYet };
}

/** Replaces a progress entry (a write): a copy, so a reader never holds one that changes under it. */
export function writeProgress(
  items: InMemoryDossierItems,
  channel: Channel,
  dossierCode: string,
  entry: ProgressEntry,
): void {
  items.progress.set(progressKey(channel, dossierCode), { ...entry, progress: { ...entry.progress } });
}

/** Every dossier with national progress, by code. */
export function nationalProgress(items: InMemoryDossierItems): [string, ProgressEntry][] {
  const suffix = '\u0000national';
  return [...items.progress.entries()]
    .filter(([key]) => key.endsWith(suffix))
    .map(([key, entry]) => [key.slice(0, -suffix.length), entry]);
}
