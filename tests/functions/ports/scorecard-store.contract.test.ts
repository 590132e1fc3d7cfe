import { describe, expect, it } from 'vitest';
import { createDynamoDbScorecardStore } from '../../../functions/adapters/dynamodb-scorecard-store';
import { createInMemoryScorecardStore } from '../../../functions/adapters/in-memory/scorecard-store';
import type { IndicatorVerdict } from '../../../functions/core/scorecard/indicator-verdict';
import type { ScorecardStore } from '../../../functions/ports/scorecard-store';
import { useGatewayTable } from '../../support/dynamodb-table';
import { inMemoryAndDynamoDb } from '../../support/port-contracts';
import { aScorecardDossier } from '../../support/scorecard-dossiers';

/** The ScorecardStore contract (ADR 14), in memory and on DynamoDB (dynalite). */
const table = useGatewayTable();

const stores = inMemoryAndDynamoDb<ScorecardStore>(
  table,
  () => createInMemoryScorecardStore(),
  ({ documents, tableName }) => createDynamoDbScorecardStore(documents, { tableName }),
);

const lateVerdict = (subjectCode: string, first: string, last: string): IndicatorVerdict => ({
  indicator: '2.1',
  subjectCode,
  agencyCode: '000.00.12.H12',
  procedureCode: '1.010708.000.00.00.H12',
  span: { first, last },
  category: 'late',
  met: false,
  reasons: [{ code: 'finishedLate', workingDays: 2 }],
  provisional: false,
});

describe.each(stores)('scorecard store contract: $name', ({ create }) => {
  it('keeps final verdicts under every month their span touches, and nowhere else', async () => {
    const store = create();
    const sheet = aScorecardDossier();
    const verdict = lateVerdict(sheet.dossierCode, '2025-03-20', '2025-04-02');
    await store.save(
      {
        sheet,
        sequence: 3,
        placement: { kind: 'final', months: { '2025-03': [verdict], '2025-04': [verdict] } },
      },
      undefined,
    );

    expect(await store.verdictsOfMonth('2025-03')).toEqual([verdict]);
    expect(await store.verdictsOfMonth('2025-04')).toEqual([verdict]);
    expect(await store.verdictsOfMonth('2025-05')).toEqual([]);
    expect(await store.openDossiersThrough('2025-12-31')).toEqual([]);
    expect(await store.get(sheet.dossierCode)).toEqual({
      sheet,
      sequence: 3,
      placedMonths: ['2025-03', '2025-04'],
    });
  });

  it('moves a dossier between the open list and its months, clearing what the previous save placed', async () => {
    const store = create();
    const sheet = aScorecardDossier();
    await store.save({ sheet, sequence: 1, placement: { kind: 'open', firstDay: '2025-03-03' } }, undefined);
    expect(await store.openDossiersThrough('2025-03-02')).not.toContainEqual(sheet);
    expect(await store.openDossiersThrough('2025-03-03')).toContainEqual(sheet);
    const opened = await store.get(sheet.dossierCode);
    expect(opened).toMatchObject({ sequence: 1, placedMonths: [], openFirstDay: '2025-03-03' });

    const verdict = lateVerdict(sheet.dossierCode, '2025-03-03', '2025-03-11');
    const finished = {
      sheet,
      sequence: 2,
      placement: { kind: 'final', months: { '2025-03': [verdict] } },
    } as const;
    await store.save(finished, opened);
    expect(await store.openDossiersThrough('2025-12-31')).not.toContainEqual(sheet);
    expect(await store.verdictsOfMonth('2025-03')).toContainEqual(verdict);

    // Saved again unchanged (a crash before the entry was written): the same rows, once.
    await store.save(finished, opened);
    expect(
      (await store.verdictsOfMonth('2025-03')).filter((v) => v.subjectCode === sheet.dossierCode),
    ).toHaveLength(1);

    const moved = lateVerdict(sheet.dossierCode, '2025-05-02', '2025-05-02');
    await store.save(
      { sheet, sequence: 3, placement: { kind: 'final', months: { '2025-05': [moved] } } },
      await store.get(sheet.dossierCode),
    );
    expect(await store.verdictsOfMonth('2025-03')).not.toContainEqual(verdict);
    expect(await store.verdictsOfMonth('2025-05')).toContainEqual(moved);
  });
});
