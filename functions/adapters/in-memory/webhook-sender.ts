import type { WebhookEvent } from '../../../contracts/webhooks';
import type { ProvinceSystem, WebhookSender } from '../../ports/province-systems';

export interface InMemoryWebhookSender extends WebhookSender {
  /** Events each provincial system received, by client id, in order. */
  readonly received: Map<string, WebhookEvent[]>;
  /** Errors the next sends throw, one per send, first first (an endpoint down, a refusal). */
  readonly failures: Error[];
}

/** Webhooks delivered in memory: each system keeps the events it was sent. */
export function createInMemoryWebhookSender(): InMemoryWebhookSender {
  const sender: InMemoryWebhookSender = {
    received: new Map(),
    failures: [],
    async send(system: ProvinceSystem, event: WebhookEvent) {
      const failure = sender.failures.shift();
      if (failure) throw failure;
      sender.received.set(system.clientId, [...(sender.received.get(system.clientId) ?? []), event]);
      return { status: 204 };
    },
  };
  return sender;
}
