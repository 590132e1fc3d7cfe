import type { WebhookEvent, WebhookPing } from '../../../contracts/webhooks';
import { GatewayError } from '../../core/gateway-error';
import type { ProvinceSystem, WebhookReceipt, WebhookSender } from '../../ports/province-systems';

type Failure = 'transient' | 'rejected';

export interface InMemoryWebhookSender extends WebhookSender {
  /** Events a provincial system took, with the system, in order. */
  readonly delivered: readonly { readonly clientId: string; readonly event: WebhookEvent | WebhookPing }[];
  /**
   * The next `times` sends fail as the port says a failing endpoint does: 'province.transient'
   * (it is down: retry) or 'province.rejected' (it refuses the event: park).
   */
  failNext(failure: Failure, times?: number): void;
}

/** Provincial webhook endpoints in memory: they take every event unless told to fail. */
export function createInMemoryWebhookSender(): InMemoryWebhookSender {
  const delivered: { clientId: string; event: WebhookEvent | WebhookPing }[] = [];
  const failures: Failure[] = [];
  return {
    delivered,
    failNext(failure, times = 1) {
      for (let count = 0; count < times; count += 1) failures.push(failure);
    },
    async send(system: ProvinceSystem, event): Promise<WebhookReceipt> {
      const failure = failures.shift();
      if (failure === 'transient') {
        throw new GatewayError('province.transient', 'webhook answered HTTP 503', {
          details: { httpStatus: 503 },
        });
      }
      if (failure === 'rejected') {
        throw new GatewayError('province.rejected', 'webhook refused the event with HTTP 400', {
          details: { httpStatus: 400 },
        });
      }
      delivered.push({ clientId: system.clientId, event });
      return { status: 204 };
    },
  };
}
