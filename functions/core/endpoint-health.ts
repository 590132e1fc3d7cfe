import type { EndpointHealth, WebhookDelivery } from '../../contracts/endpoint-operations';

/**
 * A system's health hint from its newest delivery attempts (newest first): failing once every
 * attempt since the last delivered one has failed, the first of them at least
 * `failingAfterMinutes` ago. Test events do not count: they say how the endpoint answers now,
 * not how deliveries went. A single failure, or a run of them shorter than the threshold, is
 * the retries' business and raises no flag.
 */
export function endpointHealthOf(
  newestFirst: readonly Pick<WebhookDelivery, 'at' | 'eventType' | 'outcome'>[],
  now: Date,
  failingAfterMinutes: number,
): EndpointHealth {
  let failingSince: string | undefined;
  for (const attempt of newestFirst) {
    if (attempt.eventType === 'ping') continue;
    if (attempt.outcome === 'delivered') break;
    failingSince = attempt.at;
  }
  const failing =
    failingSince !== undefined && now.getTime() - Date.parse(failingSince) >= failingAfterMinutes * 60_000;
  return { failing, failingAfterMinutes, ...(failingSince ? { failingSince } : {}) };
}
