import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import {
  createProvinceDeliverer,
  type ProvinceDeliveryDependencies,
} from '../application/deliver-to-province';
import { createPauseGate, type EndpointOperationsDependencies } from '../application/operate-endpoints';
import { loadAwsWorkerDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { createRelayHandler, type RelayHandlerDependencies } from './relay-handler';

export function createProvinceRelayHandler(
  deps: RelayHandlerDependencies &
    ProvinceDeliveryDependencies &
    Pick<EndpointOperationsDependencies, 'endpointPauses' | 'endpointOperations'>,
) {
  return createRelayHandler(deps, createProvinceDeliverer(deps), createPauseGate(deps));
}

export const handler = lazyHandler<SQSEvent, SQSBatchResponse, Context>(async () =>
  createProvinceRelayHandler(await loadAwsWorkerDependencies()),
);
