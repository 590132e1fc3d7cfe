import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createNationalDeliverer } from '../application/deliver-to-national';
import { createScorecardRecorder, type ScorecardDependencies } from '../application/record-scorecard';
import type { NationalCodes } from '../application/resolve-national-codes';
import { createDeliveryTracker, type TrackingDependencies } from '../application/track-national-delivery';
import type { AgencyNames } from '../ports/agency-names';
import type { NationalFeedback } from '../ports/national-feedback';
import type { NationalPortal } from '../ports/national-portal';
import { loadAwsWorkerDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { createRelayHandler, type RelayHandlerDependencies } from './relay-handler';

export function createNationalRelayHandler(
  deps: RelayHandlerDependencies &
    ScorecardDependencies & {
      readonly nationalPortal: NationalPortal;
      readonly nationalFeedback?: NationalFeedback;
      readonly agencyNames: AgencyNames;
      readonly nationalCodes?: NationalCodes;
      readonly deadlines: { readonly pausedStatuses: TrackingDependencies['pausedStatuses'] };
    },
) {
  const track = createDeliveryTracker({
    recordScorecard: createScorecardRecorder(deps),
    logger: deps.logger,
    pausedStatuses: deps.deadlines.pausedStatuses,
  });
  return createRelayHandler(
    deps,
    createNationalDeliverer(
      {
        portal: deps.nationalPortal,
        store: deps.store,
        agencyNames: deps.agencyNames,
        nationalCodes: deps.nationalCodes,
        logger: deps.logger,
        ...(deps.nationalFeedback ? { feedback: deps.nationalFeedback } : {}),
      },
      track,
    ),
  );
}

export const handler = lazyHandler<SQSEvent, SQSBatchResponse, Context>(async () =>
  createNationalRelayHandler(await loadAwsWorkerDependencies()),
);
