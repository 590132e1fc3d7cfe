import { type DynamoDBDocumentClient, PutCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { IndicatorEvent } from '../core/dossier-tracking';
import type { IndicatorLedger } from '../ports/indicator-ledger';
import { queryAllPages } from './dynamodb-pages';

/** Bounds a read: with the table's retention an agency holds at most a few hundred pages. */
const MAX_PAGES = 2_000;
const AGENCIES_KEY = 'INDICATOR_AGENCIES';

/**
 * One item per dossier and moment, in a partition per agency ordered by day:
 *   INDICATORS#<agency> / <yyyy-MM-dd>#<dossierCode>#<milestone>
 * A moment's key does not depend on when it was recorded, so writing it again is harmless.
 * The agencies seen are listed under INDICATOR_AGENCIES / <agency>.
 */
export function createDynamoDbIndicatorLedger(
  client: DynamoDBDocumentClient,
  options: { tableName: string; retentionSeconds?: number; now?: () => Date },
): IndicatorLedger {
  const now = options.now ?? (() => new Date());
  const expiry = () =>
    options.retentionSeconds === undefined
      ? {}
      : { expiresAt: Math.floor(now().getTime() / 1000) + options.retentionSeconds };
  // An instance writes each agency's entry once; repeating it would only cost a write.
  const agenciesWritten = new Set<string>();

  const queryAll = (input: QueryCommandInput) => queryAllPages(client, input, MAX_PAGES);

  return {
    async record(events) {
      await Promise.all(
        events.map((event) =>
          client.send(
            new PutCommand({
              TableName: options.tableName,
              Item: {
                pk: `INDICATORS#${event.agencyCode}`,
                sk: `${event.day}#${event.dossierCode}#${event.milestone}`,
                ...event,
                ...expiry(),
              },
            }),
          ),
        ),
      );
      for (const agencyCode of new Set(events.map((event) => event.agencyCode))) {
        if (agenciesWritten.has(agencyCode)) continue;
        await client.send(
          new PutCommand({
            TableName: options.tableName,
            Item: { pk: AGENCIES_KEY, sk: agencyCode, agencyCode },
          }),
        );
        agenciesWritten.add(agencyCode);
      }
    },

    async listThrough(agencyCode, through) {
      const items = await queryAll({
        TableName: options.tableName,
        KeyConditionExpression: 'pk = :pk AND sk < :after',
        // '$' sorts after '#': every key of the last day is included.
        ExpressionAttributeValues: { ':pk': `INDICATORS#${agencyCode}`, ':after': `${through}$` },
      });
      return items.map(
        ({ pk: _pk, sk: _sk, expiresAt: _expires, ...event }) => event as unknown as IndicatorEvent,
      );
    },

    async agencies() {
      const items = await queryAll({
        TableName: options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': AGENCIES_KEY },
      });
      return items.map((item) => item.sk as string);
    },
  };
}
