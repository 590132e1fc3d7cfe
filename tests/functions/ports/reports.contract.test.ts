import { describe, expect, it } from 'vitest';
import type { ReconciliationReport } from '../../../contracts/reconciliation';
import { createDynamoDbIndicatorLedger } from '../../../functions/adapters/dynamodb-indicator-ledger';
import { createDynamoDbReconciliationReports } from '../../../functions/adapters/dynamodb-reconciliation-reports';
import { createInMemoryIndicatorLedger } from '../../../functions/adapters/in-memory/indicator-ledger';
import { createInMemoryReconciliationReports } from '../../../functions/adapters/in-memory/reconciliation-reports';
import type { IndicatorEvent } from '../../../functions/core/dossier-tracking';
import type { IndicatorLedger } from '../../../functions/ports/indicator-ledger';
import type { ReconciliationReports } from '../../../functions/ports/reconciliation-reports';
import { useGatewayTable } from '../../support/dynamodb-table';

/** The IndicatorLedger and ReconciliationReports contracts, in memory and on DynamoDB (dynalite). */
const table = useGatewayTable();

const ledgers: { name: string; create: () => IndicatorLedger }[] = [
  { name: 'in memory', create: () => createInMemoryIndicatorLedger() },
  {
    name: 'DynamoDB (dynalite)',
    create: () => createDynamoDbIndicatorLedger(table().documents, { tableName: table().tableName }),
  },
];

const moment = (
  agencyCode: string,
  dossierCode: string,
  day: string,
  milestone: IndicatorEvent['milestone'],
) => ({
  agencyCode,
  dossierCode,
  milestone,
  at: `${day}T03:00:00.000Z`,
  day,
  procedureCode: '1.010708',
  online: false,
});

describe.each(ledgers)('indicator ledger contract: $name', ({ create }) => {
  it('keeps one moment per dossier and milestone, however often it is recorded, read through a day', async () => {
    const ledger = create();
    const received = moment('000.00.31.H12', 'D-1', '2025-03-14', 'received');
    const finished = { ...moment('000.00.31.H12', 'D-1', '2025-03-20', 'finished'), onTime: true };
    await ledger.record([received, finished]);
    await ledger.record([received]);
    await ledger.record([moment('000.00.32.H12', 'D-2', '2025-03-15', 'refused')]);

    expect(await ledger.listThrough('000.00.31.H12', '2025-03-14')).toEqual([received]);
    expect(await ledger.listThrough('000.00.31.H12', '2025-03-31')).toEqual([received, finished]);
    expect(await ledger.agencies()).toEqual(expect.arrayContaining(['000.00.31.H12', '000.00.32.H12']));
  });
});

const reportStores: { name: string; create: () => ReconciliationReports }[] = [
  { name: 'in memory', create: () => createInMemoryReconciliationReports() },
  {
    name: 'DynamoDB (dynalite)',
    create: () => createDynamoDbReconciliationReports(table().documents, { tableName: table().tableName }),
  },
];

function aReport(reportId: string, day: string, mismatches: number): ReconciliationReport {
  return {
    reportId,
    day,
    trigger: 'schedule',
    requestedBy: 'schedule',
    startedAt: `${day}T23:00:00+07:00`,
    finishedAt: `${day}T23:00:05+07:00`,
    platformTransactions: mismatches,
    gatewayPayments: 0,
    matched: 0,
    mismatches,
    byKind: { missingOnGateway: mismatches, missingOnPlatform: 0, amountMismatch: 0, statusMismatch: 0 },
    entries: Array.from({ length: mismatches }, (_, index) => ({
      kind: 'missingOnGateway' as const,
      reference: `LT${reportId}${index}`,
    })),
  };
}

describe.each(reportStores)('reconciliation reports contract: $name', ({ create }) => {
  it('keeps a report whole, however many entries, and lists summaries newest day first, a page at a time', async () => {
    const reports = create();
    const big = aReport('r-big', '2024-06-02', 450);
    await reports.save(aReport('r-1', '2024-06-01', 0));
    await reports.save(big);
    await reports.save(aReport('r-3', '2024-06-03', 1));

    expect(await reports.get('r-big')).toEqual(big);
    expect(await reports.get('r-none')).toBeUndefined();
    const first = await reports.list({ from: '2024-06-01', to: '2024-06-03', limit: 2 });
    expect(first.items.map((summary) => summary.reportId)).toEqual(['r-3', 'r-big']);
    expect(first.items[1]).not.toHaveProperty('entries');
    const second = await reports.list({
      from: '2024-06-01',
      to: '2024-06-03',
      limit: 2,
      cursor: first.cursor ?? '',
    });
    expect(second.items.map((summary) => summary.reportId)).toEqual(['r-1']);
  });
});
