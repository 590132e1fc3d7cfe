import { describe, expect, it } from 'vitest';
import type { ReconciliationReport } from '../../../contracts/reconciliation';
import { createDynamoDbReconciliationReports } from '../../../functions/adapters/dynamodb-reconciliation-reports';
import { createInMemoryReconciliationReports } from '../../../functions/adapters/in-memory/reconciliation-reports';
import type { ReconciliationReports } from '../../../functions/ports/reconciliation-reports';
import { useGatewayTable } from '../../support/dynamodb-table';
import { inMemoryAndDynamoDb } from '../../support/port-contracts';

/** The ReconciliationReports contract, in memory and on DynamoDB (dynalite). */
const table = useGatewayTable();

const reportStores = inMemoryAndDynamoDb<ReconciliationReports>(
  table,
  () => createInMemoryReconciliationReports(),
  ({ documents, tableName }) => createDynamoDbReconciliationReports(documents, { tableName }),
);

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
