/**
 * RFC 9110 section 10.2.3: Retry-After is either delay-seconds or an HTTP-date. Both national
 * transports carry it into GatewayError.retryAfterSeconds, which the retry policy uses as a floor.
 */
export function retryAfterSeconds(response: Response, now: number = Date.now()): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
