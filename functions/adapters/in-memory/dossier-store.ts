import { dayOfDossierCode } from '../../../contracts/codes';
import {
  type DeliveryAttempt,
  type FailedMessage,
  isListedDossier,
  type MessageSummary,
  type StoredMessage,
} from '../../core/dossier-message';
import { GatewayError } from '../../core/gateway-error';
import type {
  DossierListing,
  DossierStore,
  MessageHistory,
  PendingMessageRef,
} from '../../ports/dossier-store';
import {
  createInMemoryDossierItems,
  type InMemoryDossierItems,
  type MessageEntry,
  messageKey,
  messagesOf,
  progressOf,
  writeProgress,
} from './dossier-items';
import { decodeCursor, encodeCursor } from './page-cursor';

/** Which item a write touched, for a test that reads between the writes of one operation. */
export interface ItemWrite {
  readonly kind: 'message' | 'progress' | 'failed';
  readonly dossierCode: string;
}

export interface InMemoryDossierStoreOptions {
  readonly items?: InMemoryDossierItems;
  readonly now?: () => Date;
  /** Called after each item write; what it does happens between that write and the next. */
  readonly afterWrite?: (write: ItemWrite) => Promise<void> | void;
}

/** One page of a list already sorted newest first, with a cursor when more follow. */
function newestFirstPage<Item>(matching: readonly Item[], limit: number, positionOf: (item: Item) => string) {
  const page = matching.slice(0, limit);
  const last = page.at(-1);
  return matching.length > limit && last
    ? { items: page, cursor: encodeCursor('position', positionOf(last)) }
    : { items: page };
}

type Ref = Pick<MessageSummary, 'channel' | 'dossierCode' | 'sequence'>;

const summaryOf = ({
  payload: _payload,
  originalPayload: _original,
  ...summary
}: StoredMessage): MessageSummary => summary;

/** The order of the pending list; the DynamoDB store sorts its pending index the same way. */
const pendingPosition = (since: string, dossierCode: string, sequence: number) =>
  `${since}#${dossierCode}#${sequence}`;

/**
 * The dossier store in memory, for unit tests of the use cases: the same rules as the DynamoDB
 * store (one writer per sequence, progress only from n-1 to n, the parked head, the pending
 * list), each item written in its own step and in the same order, so that what a reader sees
 * between two writes is what it would see in DynamoDB. tests/functions/ports/dossier-store
 * runs one contract against both.
 */
export function createInMemoryDossierStore(options: InMemoryDossierStoreOptions = {}): DossierStore {
  const items = options.items ?? createInMemoryDossierItems();
  const now = options.now ?? (() => new Date());
  const written = async (kind: ItemWrite['kind'], dossierCode: string) =>
    options.afterWrite?.({ kind, dossierCode });

  function entryOf(ref: Ref): MessageEntry {
    const entry = items.messages.get(messageKey(ref.channel, ref.dossierCode, ref.sequence));
    if (!entry) throw new Error(`no message ${ref.dossierCode}#${ref.sequence} (${ref.channel})`);
    return entry;
  }

  /** Replaces a message entry with `change` applied (one write). */
  async function writeMessage(
    ref: Ref,
    change: (entry: MessageEntry) => MessageEntry,
  ): Promise<MessageSummary> {
    const next = change(entryOf(ref));
    items.messages.set(messageKey(ref.channel, ref.dossierCode, ref.sequence), next);
    await written('message', ref.dossierCode);
    return summaryOf(next.message);
  }

  const settle = (ref: Ref, state: MessageSummary['state'], attempt: DeliveryAttempt) =>
    writeMessage(ref, ({ message, attempts }) => ({
      message: { ...message, state },
      attempts: [...attempts, attempt],
    }));

  /** The listing as the DynamoDB store writes it: national dossiers only, from a message the relay tried. */
  function list(message: MessageSummary, unlessLater = false) {
    if (!isListedDossier(message)) return;
    const seen = items.listings.get(message.dossierCode);
    if (unlessLater && seen && seen.sequence >= message.sequence) return;
    items.listings.set(message.dossierCode, {
      dossierCode: message.dossierCode,
      agencyCode: message.agencyCode,
      day: dayOfDossierCode(message.dossierCode),
      status: message.status,
      sequence: message.sequence,
      updatedAt: message.acceptedAt,
    });
  }

  async function setFailedStatus(messageId: string, status: FailedMessage['status']) {
    const failed = items.failed.get(messageId);
    if (failed) items.failed.set(messageId, { ...failed, status });
    await written('failed', failed?.dossierCode ?? '');
  }

  return {
    async listMessages(channel, dossierCode) {
      return messagesOf(items, channel, dossierCode).map((entry) => summaryOf(entry.message));
    },

    async listHistory(channel, dossierCode): Promise<MessageHistory[]> {
      return messagesOf(items, channel, dossierCode).map((entry) => ({
        ...summaryOf(entry.message),
        attempts: [...entry.attempts],
      }));
    },

    async getMessage(channel, dossierCode, sequence) {
      return items.messages.get(messageKey(channel, dossierCode, sequence))?.message;
    },

    async appendMessage(message) {
      const key = messageKey(message.channel, message.dossierCode, message.sequence);
      if (items.messages.has(key)) {
        throw new GatewayError(
          'sequence.taken',
          `sequence ${message.sequence} of ${message.dossierCode} is taken`,
        );
      }
      items.messages.set(key, {
        message,
        attempts: [],
        pendingSince: pendingPosition(message.acceptedAt, message.dossierCode, message.sequence),
      });
      await written('message', message.dossierCode);
    },

    async getDeliveryProgress(channel, dossierCode) {
      return { ...progressOf(items, channel, dossierCode).progress };
    },

    async recordDelivery(ref, attempt, update) {
      const current = progressOf(items, ref.channel, ref.dossierCode);
      if (current.progress.deliveredSequence === ref.sequence - 1) {
        const { watchDeadline, ...update_ } = update;
        // Like the DynamoDB update: only what the delivery says is set; lastError is cleared.
        const changes = Object.fromEntries(
          Object.entries(update_).filter(([, value]) => value !== undefined),
        );
        const { lastError: _cleared, ...progress } = current.progress;
        writeProgress(items, ref.channel, ref.dossierCode, {
          progress: {
            ...progress,
            ...changes,
            deliveredSequence: ref.sequence,
            lastSyncedAt: update.lastSyncedAt ?? attempt.at,
          },
          ...(watchDeadline ? { watchedDueAt: watchDeadline } : {}),
          ...(watchDeadline === undefined && current.watchedDueAt
            ? { watchedDueAt: current.watchedDueAt }
            : {}),
        });
        await written('progress', ref.dossierCode);
      } else if (current.progress.deliveredSequence < ref.sequence) {
        throw new GatewayError(
          'sequence.taken',
          `cannot mark ${ref.dossierCode}#${ref.sequence} delivered after #${current.progress.deliveredSequence}`,
        );
      }
      const delivered = await writeMessage(ref, ({ message, attempts }) => ({
        message: { ...message, state: 'delivered' },
        attempts: [...attempts, attempt],
      }));
      // A duplicate tidied after a crash lists its message only if nothing later was delivered.
      if (progressOf(items, ref.channel, ref.dossierCode).progress.deliveredSequence === ref.sequence)
        list(delivered);
    },

    async recordFirstStep(ref) {
      const current = progressOf(items, ref.channel, ref.dossierCode);
      // Like the DynamoDB update: only while `sequence` is the next to deliver.
      if (current.progress.deliveredSequence !== ref.sequence - 1) return false;
      writeProgress(items, ref.channel, ref.dossierCode, {
        ...current,
        progress: { ...current.progress, firstStepSequence: ref.sequence },
      });
      await written('progress', ref.dossierCode);
      return true;
    },

    async recordFailedAttempt(message, attempt) {
      await writeMessage(message, (entry) => ({ ...entry, attempts: [...entry.attempts, attempt] }));
      const current = progressOf(items, message.channel, message.dossierCode);
      writeProgress(items, message.channel, message.dossierCode, {
        ...current,
        progress: { ...current.progress, lastError: attempt.detail },
      });
      await written('progress', message.dossierCode);
      list(message, true);
    },

    async parkMessage(failed, attempt) {
      items.failed.set(failed.messageId, failed);
      await written('failed', failed.dossierCode);
      const parkedMessage = await settle(failed, 'parked', attempt);
      const current = progressOf(items, failed.channel, failed.dossierCode);
      const parked = current.progress.parkedSequence;
      if (parked === undefined || parked > failed.sequence) {
        writeProgress(items, failed.channel, failed.dossierCode, {
          ...current,
          progress: { ...current.progress, parkedSequence: failed.sequence, lastError: failed.lastError },
        });
        await written('progress', failed.dossierCode);
      }
      list(parkedMessage, true);
    },

    async holdMessage(ref, attempt) {
      await settle(ref, 'held', attempt);
    },

    async releaseHeld(channel, dossierCode) {
      const released: MessageSummary[] = [];
      for (const entry of messagesOf(items, channel, dossierCode)) {
        if (entry.message.state !== 'held') continue;
        const since = now().toISOString();
        released.push(
          await writeMessage(entry.message, ({ message, attempts }) => ({
            message: { ...message, state: 'accepted' },
            attempts,
            pendingSince: pendingPosition(since, dossierCode, message.sequence),
          })),
        );
      }
      return released;
    },

    async reviveParked(failed, attempt, editedPayload) {
      const entry = items.messages.get(messageKey(failed.channel, failed.dossierCode, failed.sequence));
      if (entry?.message.state !== 'parked') {
        throw new GatewayError('failedMessage.notParked', `message ${failed.messageId} is no longer parked`);
      }
      const since = now().toISOString();
      const revived = await writeMessage(failed, ({ message, attempts }) => ({
        message: {
          ...message,
          state: 'accepted',
          replays: (message.replays ?? 0) + 1,
          ...(editedPayload === undefined
            ? {}
            : { payload: editedPayload, originalPayload: message.originalPayload ?? message.payload }),
        },
        attempts: [...attempts, attempt],
        pendingSince: pendingPosition(since, failed.dossierCode, failed.sequence),
      }));
      const current = progressOf(items, failed.channel, failed.dossierCode);
      if (current.progress.parkedSequence === failed.sequence) {
        const { parkedSequence: _lifted, ...progress } = current.progress;
        writeProgress(items, failed.channel, failed.dossierCode, { ...current, progress });
        await written('progress', failed.dossierCode);
      }
      await setFailedStatus(failed.messageId, 'replayed');
      return revived;
    },

    async discardParked(failed, attempt) {
      const current = progressOf(items, failed.channel, failed.dossierCode);
      const head =
        current.progress.parkedSequence === failed.sequence &&
        current.progress.deliveredSequence === failed.sequence - 1;
      if (!head) {
        throw new GatewayError(
          'failedMessage.notParked',
          `message ${failed.messageId} is not the dossier's parked head; replay or discard earlier messages first`,
        );
      }
      const { parkedSequence: _lifted, ...progress } = current.progress;
      writeProgress(items, failed.channel, failed.dossierCode, {
        ...current,
        progress: { ...progress, deliveredSequence: failed.sequence },
      });
      await written('progress', failed.dossierCode);
      await writeMessage(failed, ({ message, attempts }) => ({
        message: { ...message, state: 'discarded' },
        attempts: [...attempts, attempt],
      }));
      await setFailedStatus(failed.messageId, 'discarded');
    },

    async getFailedMessage(messageId) {
      return items.failed.get(messageId);
    },

    async listDossiers(query) {
      const positionOf = (listing: DossierListing) => `${listing.day}#${listing.dossierCode}`;
      const after = query.cursor ? decodeCursor('position', query.cursor) : undefined;
      const matching = [...items.listings.values()]
        .filter(
          (listing) =>
            listing.day >= query.fromDay &&
            listing.day <= query.toDay &&
            (query.agencyCode === undefined || listing.agencyCode === query.agencyCode) &&
            (query.status === undefined || listing.status === query.status) &&
            (after === undefined || positionOf(listing) < after),
        )
        .sort((left, right) => (positionOf(left) < positionOf(right) ? 1 : -1));
      return newestFirstPage(matching, query.limit, positionOf);
    },

    async listFailedMessages(query) {
      const positionOf = (failed: FailedMessage) => `${failed.parkedAt}#${failed.messageId}`;
      // '~' sorts after every character of an ISO time, so `to` includes its whole instant.
      const upTo = `${query.to ?? '9999'}~`;
      const after = query.cursor ? decodeCursor('position', query.cursor) : undefined;
      const matching = [...items.failed.values()]
        .filter(
          (failed) =>
            failed.queue === query.queue &&
            (query.dossierCode === undefined || failed.dossierCode === query.dossierCode) &&
            (query.agencyCode === undefined || failed.agencyCode === query.agencyCode) &&
            (query.reason === undefined || failed.reason === query.reason) &&
            (query.status === undefined || failed.status === query.status),
        )
        .filter((failed) => {
          const position = positionOf(failed);
          return (
            position >= (query.from ?? '0000') &&
            position <= upTo &&
            (query.before === undefined || position < query.before) &&
            (after === undefined || position < after)
          );
        })
        .sort((left, right) => (positionOf(left) < positionOf(right) ? 1 : -1));
      return newestFirstPage(matching, query.limit, positionOf);
    },

    async oldestPendingSince() {
      return [...items.messages.values()]
        .flatMap((entry) => (entry.pendingSince ? [entry.pendingSince.split('#')[0] ?? ''] : []))
        .sort()[0];
    },

    async listPending(olderThan, limit) {
      const pending: PendingMessageRef[] = [];
      for (const entry of items.messages.values()) {
        if (entry.pendingSince === undefined || entry.pendingSince >= olderThan) continue;
        const { channel, dossierCode, sequence } = entry.message;
        pending.push({ channel, dossierCode, sequence, pendingSince: entry.pendingSince });
      }
      return pending.sort((a, b) => (a.pendingSince < b.pendingSince ? -1 : 1)).slice(0, limit);
    },

    async ping() {},
  };
}
