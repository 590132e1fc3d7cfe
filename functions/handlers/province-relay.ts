import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createProvinceDeliverer } from '../application/deliver-to-province';
import type { ProvinceSystems, WebhookSender } from '../ports/province-systems';
import { loadAwsDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { createRelayHandler, type RelayHandlerDependencies } from './relay-handler';

export function createProvinceRelayHandler(
  deps: RelayHandlerDependencies & {
    readonly provinceSystems: ProvinceSystems;
    readonly webhooks: WebhookSender;
  },
) {
  return createRelayHandler(deps, createProvinceDeliverer(deps.provinceSystems, deps.webhooks));
}

export const handler = lazyHandler<SQSEvent, SQSBatchResponse, Context>(async () =>
  createProvinceRelayHandler(await loadAwsDependencies()),
);
