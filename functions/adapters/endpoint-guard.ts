import CircuitBreaker from 'opossum';
import pLimit from 'p-limit';
import type { EndpointName } from '../core/failure-side';
import { GatewayError } from '../core/gateway-error';
import { classifyFailure } from '../core/retry-policy';
import type { BusinessMetrics } from '../ports/business-metrics';

export interface EndpointGuardOptions {
  /** The endpoint, as failures and the CircuitBreakerOpen metric name it. */
  readonly name: EndpointName;
  readonly maxConcurrentCalls: number;
  readonly circuitBreaker: { readonly failureThreshold: number; readonly openSeconds: number };
  readonly metrics: BusinessMetrics;
}

export interface EndpointGuard {
  run<T>(call: () => Promise<T>): Promise<T>;
  readonly isOpen: () => boolean;
}

/** Opossum needs some window to count failures in; it is long against one burst of calls. */
const ROLLING_WINDOW_MS = 60_000;

/**
 * Protects one outbound endpoint (the portal has quotas; a province's webhook may be down):
 * at most `maxConcurrentCalls` at once from this instance, and a circuit breaker that opens
 * once at least `failureThreshold` calls were made and 80 % of recent ones failed transiently
 * (rejections of a record do not count: the endpoint is healthy), fails fast while open, and lets one probe through after
 * `openSeconds`. Fast failures are transient, so the relay retries them with backoff; they name
 * the endpoint (`details.endpoint`), so they are counted against it and not against the gateway.
 */
export function createEndpointGuard(options: EndpointGuardOptions): EndpointGuard {
  const limit = pLimit(options.maxConcurrentCalls);
  const breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
    timeout: false,
    resetTimeout: options.circuitBreaker.openSeconds * 1000,
    rollingCountTimeout: ROLLING_WINDOW_MS,
    volumeThreshold: options.circuitBreaker.failureThreshold,
    // A flaky portal (a third of calls failing) should be retried, not cut off; an outage,
    // where nearly every call fails, should.
    errorThresholdPercentage: 80,
    errorFilter: (error: Error) => !classifyFailure(error).retry,
  });
  breaker.on('open', () => options.metrics.count('CircuitBreakerOpen', 1, { endpoint: options.name }));
  breaker.on('close', () => options.metrics.count('CircuitBreakerOpen', 0, { endpoint: options.name }));

  return {
    isOpen: () => breaker.opened,
    run<T>(call: () => Promise<T>): Promise<T> {
      return limit(async () => {
        try {
          return (await breaker.fire(call)) as T;
        } catch (error) {
          if ((error as { code?: string }).code === 'EOPENBREAKER') {
            throw new GatewayError(
              'dependency.unavailable',
              `${options.name} is failing; calls paused (circuit open)`,
              {
                retryAfterSeconds: options.circuitBreaker.openSeconds,
                details: { endpoint: options.name },
                cause: error,
              },
            );
          }
          throw error;
        }
      });
    },
  };
}
