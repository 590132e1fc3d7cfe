import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { isListedDossier } from '../core/dossier-message';
import { GatewayError } from '../core/gateway-error';
import type { DossierStore } from '../ports/dossier-store';
import { createDossierListingItems } from './dynamodb/dossier-listing-items';
import { createFailedMessageItems } from './dynamodb/failed-message-items';
import { itemKeys } from './dynamodb/gateway-table';
import { createMessageItems } from './dynamodb/message-items';
import { createProgressItems } from './dynamodb/progress-items';

export interface DynamoDbDossierStoreOptions {
  readonly tableName: string;
  readonly pendingShards: number;
  readonly now?: () => Date;
  /**
   * How long messages, failed records and delivery progress are kept: each gets the table's
   * TTL attribute this long after it is written (topology.retention,
   * docs/adr/0006-retention-by-ttl.md). Absent: kept forever.
   */
  readonly retentionSeconds?: number;
}

/**
 * The dossier store over four item kinds of the gateway table (dynamodb/gateway-table.ts):
 * messages, delivery progress, failed-message records and the recent-dossiers listing (a view
 * the relay writes), one module each. This file is only
 * the choreography of a port operation that writes more than one item: which write comes first,
 * and why a crash between them is safe (no transactions: docs/adr/0001).
 */
export function createDynamoDbDossierStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbDossierStoreOptions,
): DossierStore {
  const items = { ...options, now: options.now ?? (() => new Date()) };
  const messages = createMessageItems(client, items);
  const progress = createProgressItems(client, items);
  const failed = createFailedMessageItems(client, items);
  const listings = createDossierListingItems(client, items);

  return {
    listMessages: messages.listSummaries,
    listHistory: messages.listHistory,
    getMessage: messages.get,
    // One write: the dossier's listing is no longer written on the way in (issue 24), it
    // follows the relay (recordDelivery, parkMessage).
    appendMessage: messages.append,
    listDossiers: listings.list,
    getDeliveryProgress: progress.get,

    /**
     * The progress first (its condition orders the dossier and refuses a second delivery), then
     * the message and the dossier's listing together, as one BatchWriteItem when the client
     * coalesces. The listing is a view: a crash after the progress write leaves it showing the
     * dossier's previous message (or not listing a new dossier) until the sweeper's copy of this
     * message comes back as a duplicate and this runs again, writing both; two relay instances
     * finishing a dossier's messages n and n+1 apart may leave n's listing last, until the next
     * message. Nothing is lost either way: the messages and progress are the truth, the view
     * only lags, and GET /v1/dossiers/{code} reads the truth.
     */
    async recordDelivery(ref, attempt, update) {
      const moved = await progress.advance(ref.channel, ref.dossierCode, ref.sequence, {
        ...update,
        lastSyncedAt: update.lastSyncedAt ?? attempt.at,
      });
      let latest = moved;
      if (!moved) {
        const current = await progress.get(ref.channel, ref.dossierCode);
        if (current.deliveredSequence < ref.sequence) {
          throw new GatewayError(
            'sequence.taken',
            `cannot mark ${ref.dossierCode}#${ref.sequence} delivered after #${current.deliveredSequence}`,
          );
        }
        // A duplicate tidied after a crash: it is the listing's only if nothing later went since.
        latest = current.deliveredSequence === ref.sequence;
      }
      await messages.markDelivered(ref, attempt, latest && isListedDossier(ref) ? listings.put : undefined);
    },

    recordFirstStep(ref) {
      return progress.recordFirstStep(ref.channel, ref.dossierCode, ref.sequence);
    },

    async recordFailedAttempt(message, attempt) {
      // The attempt first: the view reads attempts, the relay reads lastError to look before resending.
      await messages.appendAttempt(message, attempt);
      await progress.recordError(message.channel, message.dossierCode, attempt.detail);
      // Last, and only a view, unless it shows a later message already: off the happy path, so
      // its own write (issue 24 counts the delivered message's writes).
      if (isListedDossier(message)) await listings.record(message);
    },

    async parkMessage(record, attempt) {
      // The record first: after a crash before the message is parked, the message is still
      // pending and is tried again (a replay or discard of the early record is refused as not
      // parked); the other order could leave a parked message, and the dossier blocked behind
      // it, with no record for an administrator to act on.
      await failed.put(record);
      const parked = await messages.park(record, attempt);
      await progress.block(record.channel, record.dossierCode, record.sequence, record.lastError);
      // Last, and only a view: a dossier whose first message is parked is on the list too. A
      // crash before it leaves the dossier off the list (or at its previous message) until a
      // later message of it is delivered; the failed-message list, written first, shows it.
      if (isListedDossier(record)) await listings.record(parked);
    },

    async holdMessage(ref, attempt) {
      await messages.hold(ref, attempt);
    },
    releaseHeld: messages.releaseHeld,

    async reviveParked(record, attempt, editedPayload) {
      const revived = await messages.revive(record, attempt, editedPayload);
      await progress.unblock(record.channel, record.dossierCode, record.sequence);
      await failed.setStatus(record.messageId, 'replayed');
      return revived;
    },

    async discardParked(record, attempt) {
      if (!(await progress.skip(record.channel, record.dossierCode, record.sequence))) {
        throw new GatewayError(
          'failedMessage.notParked',
          `message ${record.messageId} is not the dossier's parked head; replay or discard earlier messages first`,
        );
      }
      await messages.discard(record, attempt);
      await failed.setStatus(record.messageId, 'discarded');
    },

    getFailedMessage: failed.get,
    listFailedMessages: failed.list,
    oldestPendingSince: messages.oldestPendingSince,
    listPending: messages.listPending,

    async ping() {
      await client.send(new GetCommand({ TableName: options.tableName, Key: itemKeys.health() }));
    },
  };
}
