import type { ScheduleDefinition } from '../application/run-schedule';
import type { GatewayDependencies } from '../wiring/build-dependencies';
import { type ScheduleName, scheduleSpecs } from '../wiring/schedule-specs';
import { createCatalogueRefreshHandler } from './catalogue-refresh';
import { createDeadlineWatchHandler } from './deadline-watch';
import { createDriftCheckHandler } from './drift-check';
import { createFeedbackPullHandler } from './feedback-pull';
import { createOutboxSweeperHandler } from './outbox-sweeper';
import { createPaymentReconciliationHandler } from './payment-reconciliation';
import { createPaymentStatusPollerHandler } from './payment-status-poller';

/** Every schedule of the topology with the handler its timer starts, for runs started by hand. */
export function createScheduleDefinitions(deps: GatewayDependencies): ScheduleDefinition[] {
  const handlers: Record<ScheduleName, ScheduleDefinition['run']> = {
    'outbox-sweeper': createOutboxSweeperHandler(deps),
    'payment-status-poller': createPaymentStatusPollerHandler(deps),
    'payment-reconciliation': createPaymentReconciliationHandler(deps),
    'deadline-watch': createDeadlineWatchHandler(deps),
    'drift-check': createDriftCheckHandler(deps),
    'catalogue-refresh': createCatalogueRefreshHandler(deps),
    'feedback-pull': createFeedbackPullHandler(deps),
  };
  return scheduleSpecs.map((spec) => ({ ...spec, run: handlers[spec.name] }));
}
