import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dayOfDossierCode } from '../../../contracts/codes';
import { dossierStatusSchema } from '../../../contracts/dossier-status';
import type { MessageSummary } from '../../core/dossier-message';
import { GatewayError } from '../../core/gateway-error';
import type { DossierListing, DossierListQuery } from '../../ports/dossier-store';
import { writeIfCondition } from './conditional-write';
import { accessPatterns, gatewayTable, itemKeys } from './gateway-table';
import { parseItem } from './parse-item';
import { expiryOf } from './retention';

export interface DossierListingItemsOptions {
  readonly tableName: string;
  readonly retentionSeconds?: number;
}

const listingSchema = z.object({
  dossierCode: z.string(),
  agencyCode: z.string(),
  day: z.string(),
  status: dossierStatusSchema,
  sequence: z.number(),
  updatedAt: z.string(),
});

const DAY_MS = 86_400_000;

/** The days from `toDay` back to `fromDay`, both included (yyyy-MM-dd). */
function daysNewestFirst(fromDay: string, toDay: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(toDay); at >= Date.parse(fromDay); at -= DAY_MS) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/** A page's end as `<day>#<dossierCode>`, opaque to the caller. */
const cursorOf = (listing: DossierListing) =>
  Buffer.from(`${listing.day}#${listing.dossierCode}`).toString('base64url');

function positionOf(cursor: string): { day: string; dossierCode: string } {
  const [day, dossierCode] = Buffer.from(cursor, 'base64url').toString('utf8').split('#');
  if (!day || !dossierCode || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    throw new GatewayError('request.invalid', 'Con trỏ trang không hợp lệ / Invalid cursor', {
      fieldErrors: [{ path: '$.cursor', message: 'not a cursor this list returned' }],
    });
  }
  return { day, dossierCode };
}

/**
 * Listing items: DOSSIERS#<code day> / <dossierCode> (itemKeys.dossierListing), one per dossier,
 * rewritten as the relay settles each newer national-channel message: the console's
 * recent-dossiers list and the re-sync by date read them a day partition at a time, with no
 * scan and no index. A view, never the truth: the message items are (see the store's
 * recordDelivery for what a crash between the two does to it).
 */
export function createDossierListingItems(
  client: DynamoDBDocumentClient,
  options: DossierListingItemsOptions,
) {
  const { tableName } = options;
  return {
    /**
     * Sets the listing from a delivered message with a plain Put, so that it travels in the same
     * BatchWriteItem as the message's own Put-back (coalesced-item-requests.ts, issue 24). Written
     * in the same shape as `record` writes it, so items of either read alike.
     */
    async put(message: MessageSummary): Promise<void> {
      const day = dayOfDossierCode(message.dossierCode);
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...itemKeys.dossierListing(day, message.dossierCode),
            dossierCode: message.dossierCode,
            agencyCode: message.agencyCode,
            day,
            status: message.status,
            sequence: message.sequence,
            updatedAt: message.acceptedAt,
            ...expiryOf(message.acceptedAt, options.retentionSeconds),
          },
        }),
      );
    },

    /** Sets the listing from a message unless it already shows a later one (a parked message's). */
    async record(message: MessageSummary): Promise<void> {
      const day = dayOfDossierCode(message.dossierCode);
      const expiresAt = expiryOf(message.acceptedAt, options.retentionSeconds)[gatewayTable.ttlAttribute];
      await writeIfCondition(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: itemKeys.dossierListing(day, message.dossierCode),
            UpdateExpression: `SET dossierCode = :code, agencyCode = :agency, #day = :day, #status = :status, #sequence = :sequence, updatedAt = :at${expiresAt === undefined ? '' : ', #ttl = :expires'}`,
            ConditionExpression: 'attribute_not_exists(pk) OR #sequence < :sequence',
            ExpressionAttributeNames: {
              '#day': 'day',
              '#status': 'status',
              '#sequence': 'sequence',
              ...(expiresAt === undefined ? {} : { '#ttl': gatewayTable.ttlAttribute }),
            },
            ExpressionAttributeValues: {
              ':code': message.dossierCode,
              ':agency': message.agencyCode,
              ':day': day,
              ':status': message.status,
              ':sequence': message.sequence,
              ':at': message.acceptedAt,
              ...(expiresAt === undefined ? {} : { ':expires': expiresAt }),
            },
          }),
        ),
      );
    },

    async list(query: DossierListQuery): Promise<{ items: DossierListing[]; cursor?: string }> {
      const after = query.cursor ? positionOf(query.cursor) : undefined;
      const filters = [
        ...(query.agencyCode ? ['agencyCode = :agency'] : []),
        ...(query.status ? ['#status = :status'] : []),
      ];
      const found: DossierListing[] = [];
      for (const day of daysNewestFirst(query.fromDay, after?.day ?? query.toDay)) {
        let startKey: Record<string, unknown> | undefined;
        do {
          const result = await client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: after?.day === day ? 'pk = :pk AND sk < :after' : 'pk = :pk',
              ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
              ...(query.status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
              ExpressionAttributeValues: {
                ':pk': accessPatterns.dossiersOfDay.partition(day),
                ...(after?.day === day ? { ':after': after.dossierCode } : {}),
                ...(query.agencyCode ? { ':agency': query.agencyCode } : {}),
                ...(query.status ? { ':status': query.status } : {}),
              },
              ScanIndexForward: false,
              Limit: query.limit + 1,
              ExclusiveStartKey: startKey,
            }),
          );
          found.push(
            ...(result.Items ?? []).map((item) => parseItem(listingSchema, item, 'dossier listing')),
          );
          startKey = result.LastEvaluatedKey;
        } while (startKey && found.length <= query.limit);
        if (found.length > query.limit) break;
      }
      const items = found.slice(0, query.limit);
      const last = items.at(-1);
      return found.length > query.limit && last ? { items, cursor: cursorOf(last) } : { items };
    },
  };
}
