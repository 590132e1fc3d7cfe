import type { ReconciliationReport, ReconciliationSummary } from '../../contracts/reconciliation';
import type { Page, PageQuery } from './page';

export interface ReconciliationReportQuery extends PageQuery {
  /** Days, yyyy-MM-dd, inclusive. */
  readonly from?: string;
  readonly to?: string;
}

export interface ReconciliationReports {
  save(report: ReconciliationReport): Promise<void>;
  get(reportId: string): Promise<ReconciliationReport | undefined>;
  /** Newest day first. */
  list(query: ReconciliationReportQuery): Promise<Page<ReconciliationSummary>>;
}
