import { type BucketState, isFull, takeToken } from '../core/token-bucket';
import type { Clock } from '../ports/clock';
import type { RateLimiter } from '../ports/rate-limiter';

export interface InMemoryRateLimiterOptions {
  readonly clock: Clock;
  /**
   * Buckets kept at most. Keys include caller addresses, which an attacker can vary, so the
   * map is bounded: full buckets are dropped first (forgetting them changes no answer), then
   * the oldest; evicting a drained bucket only gives that caller a fresh burst.
   */
  readonly maxKeys?: number;
}

/** Token buckets in this instance's memory: good for one Lambda instance or the local runtime. */
export function createInMemoryRateLimiter(options: InMemoryRateLimiterOptions): RateLimiter {
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, { state: BucketState; spec: { burst: number; perSecond: number } }>();

  function makeRoom(nowMs: number) {
    for (const [key, bucket] of buckets) {
      if (isFull(bucket.state, bucket.spec, nowMs)) buckets.delete(key);
    }
    // Map iteration follows insertion order, and take() re-inserts: the first key is the stalest.
    // Evict down to 90 %, so a caller cycling through addresses costs one sweep per tenth of
    // the map, not one per request.
    while (buckets.size >= Math.floor(maxKeys * 0.9)) {
      const stalest = buckets.keys().next().value;
      if (stalest === undefined) break;
      buckets.delete(stalest);
    }
  }

  return {
    async take(key, spec) {
      const nowMs = options.clock.now().getTime();
      const verdict = takeToken(buckets.get(key)?.state, spec, nowMs);
      buckets.delete(key);
      if (buckets.size >= maxKeys) makeRoom(nowMs);
      buckets.set(key, { state: verdict.state, spec });
      return verdict.allowed
        ? { allowed: true }
        : { allowed: false, retryAfterSeconds: verdict.retryAfterSeconds };
    },
  };
}
