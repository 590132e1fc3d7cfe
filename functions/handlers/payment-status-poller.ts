import type { PaymentDependencies } from '../application/payment-dependencies';
import { type PollSummary, pollOpenPayments } from '../application/poll-open-payments';
import { loadAwsWorkerDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { recordScheduleRuns } from './record-schedule-runs';

export interface PaymentStatusPollerDependencies extends PaymentDependencies {
  readonly paymentPolling: { readonly limit: number };
}

/** Scheduled: ask the platform about payments whose callback has not come, and apply the answers. */
export function createPaymentStatusPollerHandler(deps: PaymentStatusPollerDependencies) {
  return async (): Promise<PollSummary> => pollOpenPayments(deps, { limit: deps.paymentPolling.limit });
}

export const handler = lazyHandler(async () => {
  const deps = await loadAwsWorkerDependencies();
  return recordScheduleRuns(deps, 'payment-status-poller', createPaymentStatusPollerHandler(deps));
});
