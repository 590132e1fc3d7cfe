import type { ApiDependencies } from './api-dependencies';
import { limitRequestRate } from './limit-request-rate';

/**
 * Each credential check costs a 32 MiB scrypt: the token endpoint and the console's sign-in
 * share one tighter budget per address (the same bucket name), wherever they are mounted.
 */
export function limitCredentialChecks(deps: Pick<ApiDependencies, 'security' | 'remoteAddress'>) {
  return limitRequestRate(
    deps.security.rateLimiter,
    deps.security.tokenEndpointPerAddress,
    'credentials-address',
    deps.remoteAddress,
  );
}
