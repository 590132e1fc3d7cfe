import type { ReconciliationReport, ReconciliationSummary } from '../../contracts/reconciliation';

export interface ReconciliationReportQuery {
  /** Days, yyyy-MM-dd, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface ReconciliationReports {
  save(report: ReconciliationReport): Promise<void>;
  get(reportId: string): Promise<ReconciliationReport | undefined>;
  /** Newest day first. */
  list(query: ReconciliationReportQuery): Promise<{ items: ReconciliationSummary[]; cursor?: string }>;
}
