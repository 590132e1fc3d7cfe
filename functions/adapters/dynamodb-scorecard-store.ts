import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { placedMonths } from '../core/scorecard/scorecard-placement';
import type { ScorecardStore } from '../ports/scorecard-store';
import { accessPatterns, itemKeys } from './dynamodb/gateway-table';
import { parseItem } from './dynamodb/parse-item';
import { queryAllPages } from './dynamodb/query-pages';
import {
  monthVerdictsItemSchema,
  openDossierItemSchema,
  scorecardEntryItemSchema,
} from './dynamodb/scorecard-items';

/** A month of 50,000 dossiers at ~1 KB of verdicts each is ~50 MB: 50 pages of 1 MB, far below this. */
const MAX_PAGES = 5_000;

/**
 * The scorecard's rows (ADR 14, gateway-table.ts): the entry under the dossier, final verdicts
 * under `SCORE#<month>`, open dossiers under `SCORE_OPEN`. Rows are Put whole and keyed by what
 * they hold, so a repeated save rewrites them unchanged; stale rows of the previous placement
 * are deleted before the entry that names them is replaced. Not expired with the messages: a
 * period's scorecard is read long after its dossiers' messages are gone.
 */
export function createDynamoDbScorecardStore(
  client: DynamoDBDocumentClient,
  options: { readonly tableName: string },
): ScorecardStore {
  const TableName = options.tableName;
  const queryAll = (input: Omit<QueryCommandInput, 'TableName'>) =>
    queryAllPages(client, { TableName, ...input }, MAX_PAGES);
  const put = (Item: Record<string, unknown>) => client.send(new PutCommand({ TableName, Item }));
  const remove = (Key: Record<string, string>) => client.send(new DeleteCommand({ TableName, Key }));

  return {
    async get(dossierCode) {
      const { Item } = await client.send(
        new GetCommand({ TableName, Key: itemKeys.scorecardEntry(dossierCode), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { openFirstDay, ...entry } = parseItem(scorecardEntryItemSchema, Item, 'scorecard entry');
      return { ...entry, ...(openFirstDay ? { openFirstDay } : {}) };
    },

    async save(entry, previous) {
      const { sheet, placement } = entry;
      const months = placedMonths(placement);
      const openFirstDay = placement.kind === 'open' ? placement.firstDay : undefined;
      const rows = [
        ...(placement.kind === 'final'
          ? Object.entries(placement.months).map(([month, verdicts]) => ({
              ...itemKeys.scorecardMonthVerdicts(month, sheet.dossierCode),
              verdicts,
            }))
          : []),
        ...(openFirstDay
          ? [{ ...itemKeys.scorecardOpenDossier(openFirstDay, sheet.dossierCode), sheet }]
          : []),
      ];
      const stale = [
        ...(previous?.placedMonths ?? [])
          .filter((month) => !months.includes(month))
          .map((month) => itemKeys.scorecardMonthVerdicts(month, sheet.dossierCode)),
        ...(previous?.openFirstDay && previous.openFirstDay !== openFirstDay
          ? [itemKeys.scorecardOpenDossier(previous.openFirstDay, sheet.dossierCode)]
          : []),
      ];
      const entryItem = {
        ...itemKeys.scorecardEntry(sheet.dossierCode),
        sheet,
        sequence: entry.sequence,
        placedMonths: months,
        ...(openFirstDay ? { openFirstDay } : {}),
      };
      if (stale.length === 0) {
        // Nothing to take away (a dossier's every message until it ends): rows and entry are
        // written together, one BatchWriteItem when the client batches (issue 24). A crash
        // half-way may leave the entry without a row; the message is then delivered again and
        // the recorder saves the same entry again (record-scorecard.ts).
        await Promise.all([...rows, entryItem].map(put));
        return;
      }
      // The placement moved: the new rows, then the old ones gone, then the entry that names them.
      await Promise.all(rows.map(put));
      await Promise.all(stale.map(remove));
      await put(entryItem);
    },

    async verdictsOfMonth(month) {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': accessPatterns.scorecardOfMonth.partition(month) },
      });
      return items.flatMap((item) => parseItem(monthVerdictsItemSchema, item, 'scorecard verdicts').verdicts);
    },

    async openDossiersThrough(through) {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk AND sk < :after',
        // '$' sorts after '#': every dossier of the last day is included.
        ExpressionAttributeValues: {
          ':pk': accessPatterns.scorecardOpenDossiers.partition,
          ':after': `${through}$`,
        },
      });
      return items.map((item) => parseItem(openDossierItemSchema, item, 'open scorecard dossier').sheet);
    },
  };
}
