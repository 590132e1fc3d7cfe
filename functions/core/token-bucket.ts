/** A token bucket: up to `burst` requests at once, refilled continuously at `perSecond`. */
export interface BucketSpec {
  readonly burst: number;
  readonly perSecond: number;
}

export interface BucketState {
  readonly tokens: number;
  readonly updatedAtMs: number;
}

export type BucketVerdict =
  | { readonly allowed: true; readonly state: BucketState }
  | { readonly allowed: false; readonly state: BucketState; readonly retryAfterSeconds: number };

/**
 * Takes one token from a bucket at `nowMs`. Pure: the caller stores the returned state (in
 * memory, or with a conditional write in DynamoDB). A refused request costs nothing, so a
 * caller that keeps hammering does not push its own recovery further away.
 */
export function takeToken(state: BucketState | undefined, spec: BucketSpec, nowMs: number): BucketVerdict {
  const elapsedSeconds = state ? Math.max(0, nowMs - state.updatedAtMs) / 1000 : 0;
  const tokens = Math.min(spec.burst, (state?.tokens ?? spec.burst) + elapsedSeconds * spec.perSecond);
  if (tokens >= 1) return { allowed: true, state: { tokens: tokens - 1, updatedAtMs: nowMs } };
  return {
    allowed: false,
    state: { tokens, updatedAtMs: nowMs },
    // Retry-After is whole seconds (RFC 9110); round up so the retry finds a token.
    retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / spec.perSecond)),
  };
}

/** True once a bucket has refilled completely: it can be forgotten without changing any answer. */
export function isFull(state: BucketState, spec: BucketSpec, nowMs: number): boolean {
  return state.tokens + (Math.max(0, nowMs - state.updatedAtMs) / 1000) * spec.perSecond >= spec.burst;
}
