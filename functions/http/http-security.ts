import type { JsonLimits } from '../core/inspect-json';
import type { BucketSpec } from '../core/token-bucket';
import type { NonceStore } from '../ports/nonce-store';
import type { RateLimiter } from '../ports/rate-limiter';

/** What the API's security middleware needs (issue 9, SECURITY.md); limits come from the topology. */
export interface HttpSecurity {
  readonly rateLimiter: RateLimiter;
  /** Every request, by caller address, before authentication. */
  readonly perAddress: BucketSpec;
  /** POST /oauth/token, by caller address: each try costs a 32 MiB scrypt. */
  readonly tokenEndpointPerAddress: BucketSpec;
  readonly json: JsonLimits;
  readonly requestTimeoutMs: number;
  readonly nationalPush: {
    /**
     * Standard Webhooks secrets the national portal signs its pushes with; several during a
     * roll. Empty: pushes are trusted on bearer token and address alone (SECURITY.md says
     * what that leaves open).
     */
    readonly secrets: readonly string[];
    readonly toleranceSeconds: number;
    readonly nonces: NonceStore;
  };
}
