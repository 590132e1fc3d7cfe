import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createNationalDeliverer } from '../application/deliver-to-national';
import { recordFinishedDossier } from '../application/record-finished-dossier';
import type { AgencyIndicators } from '../ports/agency-indicators';
import type { NationalPortal } from '../ports/national-portal';
import { loadAwsDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { createRelayHandler, type RelayHandlerDependencies } from './relay-handler';

export function createNationalRelayHandler(
  deps: RelayHandlerDependencies & {
    readonly nationalPortal: NationalPortal;
    readonly indicators: AgencyIndicators;
  },
) {
  return createRelayHandler(
    deps,
    createNationalDeliverer(deps.nationalPortal, (message, change) =>
      // The on-time rate is a dashboard figure: failing to count must not fail the delivery.
      recordFinishedDossier(deps, message, change).catch((error: unknown) =>
        deps.logger.warn('on-time counter not written', {
          dossierCode: message.dossierCode,
          error: (error as Error).message,
        }),
      ),
    ),
  );
}

export const handler = lazyHandler<SQSEvent, SQSBatchResponse, Context>(async () =>
  createNationalRelayHandler(await loadAwsDependencies()),
);
