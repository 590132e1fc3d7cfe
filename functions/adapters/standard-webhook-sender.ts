import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { GatewayError } from '../core/gateway-error';
import { isPublicAddress } from '../core/public-address';
import type { ProvinceSystem, WebhookSender } from '../ports/province-systems';

export interface StandardWebhookSenderOptions {
  /** Signing secrets (whsec_…) of a system, current first; each signs, so a roll sends several. */
  readonly secrets: (system: ProvinceSystem) => readonly string[] | Promise<readonly string[]>;
  readonly timeoutMs: number;
  /** Only the local runtime may deliver to plain-http loopback addresses. */
  readonly allowLoopbackHttp: boolean;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** How host names are resolved before a delivery; the system resolver by default. */
  readonly resolveHost?: ResolveHost;
}

/** Status codes after which the same request may succeed later (Standard Webhooks retry guidance). */
const transientStatuses = new Set([408, 409, 425, 429]);

function retryAfterSeconds(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/** Resolves a host name to every address it has (node:dns `lookup` with `all: true`). */
export type ResolveHost = (hostname: string) => Promise<readonly { address: string }[]>;

const resolveWithSystem: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');
const isLoopback = (url: URL) => /^(localhost|::1|127\.\d+\.\d+\.\d+)$/.test(hostOf(url));

function refuse(url: URL, why: string): GatewayError {
  return new GatewayError('province.rejected', `webhook URL ${url.origin} ${why}`);
}

/**
 * Refuses URLs that would let a registration reach inside the network (SSRF): https only, no
 * credentials in the URL, and no loopback, private, link-local or otherwise special literal
 * address (functions/core/public-address.ts), except loopback over http in the local runtime.
 */
export function assertDeliverableUrl(url: URL, allowLoopbackHttp: boolean): void {
  if (allowLoopbackHttp && isLoopback(url)) return;
  const host = hostOf(url);
  if (url.protocol !== 'https:') throw refuse(url, 'is not https');
  if (url.username || url.password) throw refuse(url, 'carries credentials; register it without them');
  const internalName =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    host.endsWith('.local') ||
    !host.includes('.');
  if (isIP(host) ? !isPublicAddress(host) : internalName) {
    throw refuse(url, 'is not an external https address');
  }
}

/**
 * The same rule at resolution time: a public-looking name that resolves to an internal
 * address (a DNS record pointing at 169.254.169.254, or at 10.x) is refused. Every address
 * must be public. The delivery then resolves again inside fetch, so a name that changes
 * its answer in between (DNS rebinding) is not excluded by this check alone; SECURITY.md
 * names the egress controls that close it on AWS.
 */
export async function assertResolvesToPublic(url: URL, resolve: ResolveHost): Promise<void> {
  const host = hostOf(url);
  if (isIP(host)) return;
  let addresses: readonly { address: string }[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    throw new GatewayError(
      'province.transient',
      `webhook host ${host} did not resolve: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const internal = addresses.filter(({ address }) => !isPublicAddress(address));
  if (addresses.length === 0 || internal.length > 0) {
    throw refuse(
      url,
      `resolves to a non-public address (${internal.map(({ address }) => address).join(', ') || 'none'})`,
    );
  }
}

/**
 * The same checks at registration (issue 19): a URL a delivery would refuse, or whose host does
 * not resolve (yet), is refused before it is stored.
 */
export function createWebhookUrlCheck(options: {
  readonly allowLoopbackHttp: boolean;
  readonly resolveHost?: ResolveHost;
}): (url: string) => Promise<void> {
  const resolveHost = options.resolveHost ?? resolveWithSystem;
  return async (text) => {
    const url = new URL(text);
    assertDeliverableUrl(url, options.allowLoopbackHttp);
    if (!(options.allowLoopbackHttp && isLoopback(url))) await assertResolvesToPublic(url, resolveHost);
  };
}

export function createStandardWebhookSender(options: StandardWebhookSenderOptions): WebhookSender {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const checkUrl = createWebhookUrlCheck(options);
  return {
    async send(system: ProvinceSystem, event) {
      const url = new URL(system.webhookUrl);
      await checkUrl(system.webhookUrl);
      const secrets = await options.secrets(system);
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
          details: { httpStatus: response.status },
        });
      }
      throw new GatewayError('province.rejected', `webhook refused the event with HTTP ${response.status}`, {
        details: { httpStatus: response.status },
      });
    },
  };
}
