import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../core/gateway-error';
import type { BucketSpec } from '../core/token-bucket';
import type { RateLimiter } from '../ports/rate-limiter';

/**
 * A request budget per caller address, checked before anything else costs work (a token
 * check, a scrypt, a store read). Authenticated clients have a second budget of their own
 * (functions/application/guard-access-tokens.ts).
 */
export function limitRequestRate(
  limiter: RateLimiter,
  spec: BucketSpec,
  name: string,
  remoteAddress: (c: Context) => string | undefined,
) {
  return createMiddleware(async (c, next) => {
    const address = (remoteAddress(c) ?? 'unknown').replace(/^::ffff:/, '');
    const verdict = await limiter.take(`${name}:${address}`, spec);
    if (!verdict.allowed) {
      throw new GatewayError(
        'request.rateLimited',
        `Quá nhiều yêu cầu từ địa chỉ này / Too many requests from this address; retry after ${verdict.retryAfterSeconds} s`,
        { retryAfterSeconds: verdict.retryAfterSeconds },
      );
    }
    await next();
  });
}
