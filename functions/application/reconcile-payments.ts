import { mismatchKinds, type ReconciliationReport } from '../../contracts/reconciliation';
import { reconcileTransactions } from '../core/reconcile-transactions';
import { toVietnamIso } from '../core/vietnam-time';
import type { ReconciliationReports } from '../ports/reconciliation-reports';
import type { PaymentDependencies } from './payment-dependencies';

/** The payment use cases' ports, and where the reports are kept. */
export interface ReconciliationDependencies extends PaymentDependencies {
  readonly reconciliationReports: ReconciliationReports;
}

export interface ReconciliationRun {
  /** Vietnam calendar day, yyyy-MM-dd. */
  readonly day: string;
  readonly trigger: 'schedule' | 'admin';
  readonly requestedBy: string;
}

/**
 * Đối soát of one day: the platform's transaction list against the gateway's payments of the
 * day, written as a report; mismatches raise the ReconciliationMismatches metric. Every run
 * writes a new report, so a run after a fix shows the day clean without hiding the first one.
 */
export async function reconcilePayments(
  deps: ReconciliationDependencies,
  run: ReconciliationRun,
): Promise<ReconciliationReport> {
  const startedAt = toVietnamIso(deps.clock.now());
  const [platform, gateway] = await Promise.all([
    deps.paymentPlatform.listTransactions(run.day),
    deps.payments.listDayPayments(run.day),
  ]);
  const outcome = reconcileTransactions(platform, gateway);
  const byKind = Object.fromEntries(
    mismatchKinds.map((kind) => [kind, outcome.entries.filter((entry) => entry.kind === kind).length]),
  ) as ReconciliationReport['byKind'];
  const report: ReconciliationReport = {
    reportId: deps.newId(),
    day: run.day,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    startedAt,
    finishedAt: toVietnamIso(deps.clock.now()),
    platformTransactions: platform.length,
    gatewayPayments: gateway.length,
    matched: outcome.matched,
    mismatches: outcome.entries.length,
    byKind,
    entries: [...outcome.entries],
  };
  await deps.reconciliationReports.save(report);
  deps.metrics.count('ReconciliationMismatches', report.mismatches, {
    day: run.day,
    reportId: report.reportId,
  });
  deps.logger.info('reconciliation report written', {
    reportId: report.reportId,
    day: run.day,
    trigger: run.trigger,
    matched: report.matched,
    mismatches: report.mismatches,
    ...byKind,
  });
  return report;
}
