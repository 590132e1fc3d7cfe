import type { BucketSpec } from '../core/token-bucket';

export type RateVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Per-key request budgets (token buckets). The in-memory adapter counts per function
 * instance; a DynamoDB adapter (one conditional update per request on `RATE#<key>`) can
 * replace it where a limit must hold across instances.
 */
export interface RateLimiter {
  take(key: string, spec: BucketSpec): Promise<RateVerdict>;
}
