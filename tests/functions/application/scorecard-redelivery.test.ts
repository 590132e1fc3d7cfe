import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { coalesceItemRequests } from '../../../functions/adapters/dynamodb/coalesced-item-requests';
import { itemKeys } from '../../../functions/adapters/dynamodb/gateway-table';
import { createDynamoDbScorecardStore } from '../../../functions/adapters/dynamodb-scorecard-store';
import { createScorecardRecorder } from '../../../functions/application/record-scorecard';
import { useGatewayTable } from '../../support/dynamodb-table';
import { aDossier, aStoredMessage } from '../../support/fixtures';
import { sheetRules, testCalendar, vn } from '../../support/scorecard-dossiers';

const table = useGatewayTable();

describe('the scorecard after a crash at the national relay', () => {
  it('places the rows again when a redelivery finds the entry stored and a row missing (issue 24)', async () => {
    // As the wiring builds it: the entry and its row go out in one BatchWriteItem, not in order.
    const scorecard = createDynamoDbScorecardStore(
      coalesceItemRequests(table().documents, table().tableName),
      {
        tableName: table().tableName,
      },
    );
    const record = createScorecardRecorder({
      scorecard,
      scorecardRules: sheetRules(),
      calendar: testCalendar,
      clock: { now: () => new Date('2025-03-04T03:00:00.000Z') },
    });
    const dossier = aDossier({
      status: 'received',
      receivedAt: vn('2025-03-03 08:00'),
      dueAt: vn('2025-03-07 17:00'),
    });
    const message = aStoredMessage(dossier.dossierCode, 1);
    await record(message)({ kind: 'dossier', dossier });
    const entry = await scorecard.get(dossier.dossierCode);
    if (!entry?.openFirstDay) throw new Error('an open dossier is placed on the open list');
    // The process died with the entry written and the open list's row not.
    await table().documents.send(
      new DeleteCommand({
        TableName: table().tableName,
        Key: itemKeys.scorecardOpenDossier(entry.openFirstDay, dossier.dossierCode),
      }),
    );
    const codesOpen = async () =>
      (await scorecard.openDossiersThrough('9999-12-31')).map((sheet) => sheet.dossierCode);
    expect(await codesOpen()).not.toContain(dossier.dossierCode);

    await record(message)({ kind: 'dossier', dossier });

    expect(await codesOpen()).toContain(dossier.dossierCode);
    expect((await scorecard.get(dossier.dossierCode))?.sheet).toEqual(entry.sheet);
  });
});
