import { calendarDaySchema } from '../../contracts/codes';
import { type ReconciliationDependencies, reconcilePayments } from '../application/reconcile-payments';
import { vietnamDay } from '../core/vietnam-time';
import { loadAwsWorkerDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { recordScheduleRuns } from './record-schedule-runs';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Scheduled: đối soát of the previous Vietnam day (the platform's list of a day is complete once
 * the day is over). An event `{ "day": "yyyy-MM-dd" }` reconciles that day instead.
 */
export function createPaymentReconciliationHandler(deps: ReconciliationDependencies) {
  return async (event?: unknown) => {
    const asked = calendarDaySchema.safeParse((event as { day?: unknown } | undefined)?.day);
    const day = asked.success ? asked.data : vietnamDay(new Date(deps.clock.now().getTime() - DAY_MS));
    const report = await reconcilePayments(deps, { day, trigger: 'schedule', requestedBy: 'schedule' });
    return { reportId: report.reportId, day, matched: report.matched, mismatches: report.mismatches };
  };
}

export const handler = lazyHandler(async () => {
  const deps = await loadAwsWorkerDependencies();
  return recordScheduleRuns(deps, 'payment-reconciliation', createPaymentReconciliationHandler(deps));
});
