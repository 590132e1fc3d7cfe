import { GatewayError } from '../core/gateway-error';
import type { BucketSpec } from '../core/token-bucket';
import type { AccessTokenClaims, AccessTokens } from '../ports/access-tokens';
import type { ClientRegistry, RegisteredClient } from '../ports/client-registry';
import type { Clock } from '../ports/clock';
import type { RateLimiter } from '../ports/rate-limiter';

export interface GuardAccessTokensDependencies {
  readonly clients: ClientRegistry;
  readonly rateLimiter: RateLimiter;
  readonly clock: Clock;
}

export interface GuardAccessTokensOptions {
  /**
   * How stale the client's registry record may be when a token is checked against it: the
   * bound on how long a disabled client's unexpired tokens keep working. At most 30 s.
   */
  readonly clientStatusMaxAgeSeconds: number;
  readonly perClient: BucketSpec;
}

/** SECURITY.md promises that a disabled client is refused within 30 s on every instance. */
export const MAX_CLIENT_STATUS_AGE_SECONDS = 30;

/**
 * Wraps token verification with what a signature cannot know:
 * 1. the client still exists and is not disabled (its record read through a cache at most
 *    `clientStatusMaxAgeSeconds` old, so revocation costs one read per client per instance
 *    per interval, not one per request);
 * 2. the token's scopes and agency grants are narrowed to what the client holds now, so
 *    taking a scope away also takes effect within the same bound;
 * 3. the client is within its request budget (429 otherwise).
 * Every route that authenticates through `requireScope` gets all three.
 */
export function guardAccessTokens(
  tokens: AccessTokens,
  deps: GuardAccessTokensDependencies,
  options: GuardAccessTokensOptions,
): AccessTokens {
  if (options.clientStatusMaxAgeSeconds > MAX_CLIENT_STATUS_AGE_SECONDS) {
    throw new Error(
      `clientStatusMaxAgeSeconds ${options.clientStatusMaxAgeSeconds} exceeds the documented ${MAX_CLIENT_STATUS_AGE_SECONDS} s bound`,
    );
  }
  const maxAgeMs = options.clientStatusMaxAgeSeconds * 1000;
  // Keyed by client ids of verified tokens only, so its size is bounded by the registry's.
  const cache = new Map<string, { readAtMs: number; client: Promise<RegisteredClient | undefined> }>();

  function currentClient(clientId: string): Promise<RegisteredClient | undefined> {
    const nowMs = deps.clock.now().getTime();
    const cached = cache.get(clientId);
    if (cached && nowMs - cached.readAtMs < maxAgeMs) return cached.client;
    const client = deps.clients.findClient(clientId);
    // Concurrent requests share one read; a failed read is not remembered.
    cache.set(clientId, { readAtMs: nowMs, client });
    client.catch(() => {
      if (cache.get(clientId)?.client === client) cache.delete(clientId);
    });
    return client;
  }

  async function withinBudget(clientId: string) {
    const verdict = await deps.rateLimiter.take(`client:${clientId}`, options.perClient);
    if (!verdict.allowed) {
      throw new GatewayError(
        'request.rateLimited',
        `Vượt hạn mức yêu cầu / Too many requests from client ${clientId}; retry after ${verdict.retryAfterSeconds} s`,
        { retryAfterSeconds: verdict.retryAfterSeconds },
      );
    }
  }

  return {
    lifetimeSeconds: tokens.lifetimeSeconds,
    issue: (claims) => tokens.issue(claims),
    jwks: () => tokens.jwks(),
    async verify(token): Promise<AccessTokenClaims> {
      const claims = await tokens.verify(token);
      // A person's session was vouched for by the identity provider when it began and ends with
      // its lifetime; only the request budget applies.
      if (claims.person) {
        await withinBudget(claims.clientId);
        return claims;
      }
      let client: RegisteredClient | undefined;
      try {
        client = await currentClient(claims.clientId);
      } catch (error) {
        // Fail closed: without the registry nobody can tell whether the client was revoked.
        throw new GatewayError(
          'dependency.unavailable',
          'Không kiểm tra được ứng dụng / Cannot check the client now; retry shortly',
          { retryAfterSeconds: 1, cause: error },
        );
      }
      if (!client || client.disabled) {
        throw new GatewayError(
          'auth.unauthenticated',
          'Ứng dụng đã bị vô hiệu hóa / This client is disabled: its tokens are no longer accepted',
        );
      }
      const held = client;
      const narrowed: AccessTokenClaims = {
        clientId: claims.clientId,
        scopes: claims.scopes.filter((scope) => held.scopes.includes(scope)),
        agencies: claims.agencies.filter((grant) => held.agencies.includes(grant)),
      };
      await withinBudget(claims.clientId);
      return narrowed;
    },
  };
}
