import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../core/gateway-error';

/**
 * Answers 504 problem+json when a request takes longer than `timeoutMs`, before the Lambda
 * timeout or API Gateway's 30 s cut it off without a useful answer. The handler is not
 * cancelled: a write it completes later stands, which is why the answer tells the caller to
 * retry with the same key (the repeat is answered, not applied twice).
 */
export function limitRequestTime(timeoutMs: number) {
  return createMiddleware(async (_c, next) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new GatewayError(
              'request.timeout',
              `Quá ${timeoutMs} ms / No answer within ${timeoutMs} ms; the request may still complete: retry with the same Idempotency-Key or natural key`,
              { retryAfterSeconds: 1 },
            ),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  });
}
