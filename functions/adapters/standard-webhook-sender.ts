import { Webhook } from 'standardwebhooks';
import { GatewayError } from '../core/gateway-error';
import type { ProvinceSystem, WebhookSender } from '../ports/province-systems';

export interface StandardWebhookSenderOptions {
  /** Signing secrets (whsec_…) by client id; the first signs, all are sent during a roll. */
  readonly secrets: (clientId: string) => readonly string[];
  readonly timeoutMs: number;
  /** Only the local runtime may deliver to plain-http loopback addresses. */
  readonly allowLoopbackHttp: boolean;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
}

/** Status codes after which the same request may succeed later (Standard Webhooks retry guidance). */
const transientStatuses = new Set([408, 409, 425, 429]);

function retryAfterSeconds(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/**
 * Refuses URLs that would let a registration reach inside the network (SSRF): https only,
 * and no loopback, private or link-local literal addresses, except loopback over http in the
 * local runtime.
 */
export function assertDeliverableUrl(url: URL, allowLoopbackHttp: boolean): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  if (loopback && allowLoopbackHttp) return;
  const internal =
    loopback ||
    /^(10\.|192\.168\.|169\.254\.|0\.)/.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    /^(fc|fd|fe80)/i.test(host) ||
    host.endsWith('.internal') ||
    host.endsWith('.local');
  if (url.protocol !== 'https:' || internal) {
    throw new GatewayError('province.rejected', `webhook URL ${url.origin} is not an external https address`);
  }
}

export function createStandardWebhookSender(options: StandardWebhookSenderOptions): WebhookSender {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  return {
    async send(system: ProvinceSystem, event) {
      const url = new URL(system.webhookUrl);
      assertDeliverableUrl(url, options.allowLoopbackHttp);
      const secrets = options.secrets(system.clientId);
      if (secrets.length === 0)
        throw new GatewayError('province.rejected', `no webhook secret for ${system.clientId}`);
      const body = JSON.stringify(event);
      const timestamp = now();
      const signature = secrets
        .map((secret) => new Webhook(secret).sign(event.id, timestamp, body))
        .join(' ');
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': event.id,
            'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
            'webhook-signature': signature,
          },
          body,
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        throw new GatewayError(
          'province.transient',
          `webhook to ${url.origin} failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      await response.body?.cancel();
      if (response.ok) return { status: response.status };
      if (response.status >= 500 || transientStatuses.has(response.status)) {
        const retryAfter = retryAfterSeconds(response);
        throw new GatewayError('province.transient', `webhook answered HTTP ${response.status}`, {
          ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
        });
      }
      throw new GatewayError('province.rejected', `webhook refused the event with HTTP ${response.status}`, {
        details: { httpStatus: response.status },
      });
    },
  };
}
