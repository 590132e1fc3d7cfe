import type { ReconciliationReport } from '../../../contracts/reconciliation';
import type { ReconciliationReports } from '../../ports/reconciliation-reports';

const positionOf = (report: ReconciliationReport) => `${report.day}#${report.startedAt}#${report.reportId}`;

/** Reconciliation reports in memory, listed newest day first. */
export function createInMemoryReconciliationReports(): ReconciliationReports {
  const reports = new Map<string, ReconciliationReport>();
  return {
    async save(report) {
      reports.set(report.reportId, report);
    },
    async get(reportId) {
      return reports.get(reportId);
    },
    async list(query) {
      const after = query.cursor;
      const matching = [...reports.values()]
        .filter((report) => report.day >= (query.from ?? '0000') && report.day <= (query.to ?? '9999'))
        .filter((report) => after === undefined || positionOf(report) < after)
        .sort((left, right) => (positionOf(left) < positionOf(right) ? 1 : -1));
      const page = matching.slice(0, query.limit);
      const last = page.at(-1);
      const items = page.map(({ entries: _entries, ...summary }) => summary);
      return matching.length > query.limit && last ? { items, cursor: positionOf(last) } : { items };
    },
  };
}
