import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createNationalDeliverer } from '../application/deliver-to-national';
import type { NationalPortal } from '../ports/national-portal';
import { loadAwsDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { createRelayHandler, type RelayHandlerDependencies } from './relay-handler';

export function createNationalRelayHandler(
  deps: RelayHandlerDependencies & { readonly nationalPortal: NationalPortal },
) {
  return createRelayHandler(deps, createNationalDeliverer(deps.nationalPortal));
}

export const handler = lazyHandler<SQSEvent, SQSBatchResponse, Context>(async () =>
  createNationalRelayHandler(await loadAwsDependencies()),
);
