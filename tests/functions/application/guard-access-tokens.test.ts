import { describe, expect, it } from 'vitest';
import { createInMemoryRateLimiter } from '../../../functions/adapters/in-memory-rate-limiter';
import { guardAccessTokens } from '../../../functions/application/guard-access-tokens';
import { GatewayError, isGatewayError } from '../../../functions/core/gateway-error';
import type { AccessTokens } from '../../../functions/ports/access-tokens';
import type { RegisteredClient } from '../../../functions/ports/client-registry';

/** Tokens that verify to fixed claims: the guard is what is under test, not the signature. */
const tokens: AccessTokens = {
  lifetimeSeconds: 900,
  issue: async () => 'token',
  verify: async (token) => {
    if (token !== 'token') throw new GatewayError('auth.unauthenticated', 'bad token');
    return {
      clientId: 'vendor-h12',
      scopes: ['dossiers:write', 'payments:write'],
      agencies: ['*.H12', '*.H56'],
    };
  },
  jwks: () => ({ keys: [] }),
};

function setUp(options: { maxAgeSeconds?: number; burst?: number } = {}) {
  let nowMs = Date.parse('2025-03-14T01:30:00Z');
  let reads = 0;
  let registered: RegisteredClient | undefined = {
    clientId: 'vendor-h12',
    secretHash: 'scrypt$x$y',
    scopes: ['dossiers:write', 'payments:write'],
    agencies: ['*.H12', '*.H56'],
  };
  const clock = { now: () => new Date(nowMs) };
  let failing = false;
  const guarded = guardAccessTokens(
    tokens,
    {
      clients: {
        findClient: async () => {
          reads += 1;
          if (failing) throw new Error('DynamoDB unreachable');
          return registered;
        },
      },
      rateLimiter: createInMemoryRateLimiter({ clock }),
      clock,
    },
    {
      clientStatusMaxAgeSeconds: options.maxAgeSeconds ?? 30,
      perClient: { burst: options.burst ?? 1000, perSecond: 1 },
    },
  );
  return {
    guarded,
    advance: (seconds: number) => {
      nowMs += seconds * 1000;
    },
    update: (change: Partial<RegisteredClient> | undefined) => {
      registered = change && registered ? { ...registered, ...change } : undefined;
    },
    failReads: (value: boolean) => {
      failing = value;
    },
    reads: () => reads,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return isGatewayError(error) ? error.code : 'unexpected';
  }
}

describe('guarded access tokens', () => {
  it('reads the client once per interval, not once per request', async () => {
    const { guarded, reads, advance } = setUp();
    for (let request = 0; request < 50; request += 1) await guarded.verify('token');
    expect(reads()).toBe(1);
    advance(30);
    await guarded.verify('token');
    expect(reads()).toBe(2);
  });

  it('refuses a disabled client’s valid token within the documented 30 s bound, and not before the cache says so', async () => {
    const { guarded, advance, update } = setUp();
    await guarded.verify('token');
    update({ disabled: true });
    advance(29);
    expect(await codeOf(guarded.verify('token'))).toBe('ok');
    advance(1);
    expect(await codeOf(guarded.verify('token'))).toBe('auth.unauthenticated');
  });

  it('refuses a deleted client’s token', async () => {
    const { guarded, update } = setUp({ maxAgeSeconds: 0 });
    update(undefined);
    expect(await codeOf(guarded.verify('token'))).toBe('auth.unauthenticated');
  });

  it('narrows the token to the scopes and agencies the client holds now', async () => {
    const { guarded, update } = setUp({ maxAgeSeconds: 0 });
    update({ scopes: ['dossiers:write'], agencies: ['*.H12'] });
    expect(await guarded.verify('token')).toEqual({
      clientId: 'vendor-h12',
      scopes: ['dossiers:write'],
      agencies: ['*.H12'],
    });
  });

  it('fails closed when the registry cannot be read, and reads again next time', async () => {
    const { guarded, failReads } = setUp({ maxAgeSeconds: 0 });
    failReads(true);
    expect(await codeOf(guarded.verify('token'))).toBe('dependency.unavailable');
    failReads(false);
    expect(await codeOf(guarded.verify('token'))).toBe('ok');
  });

  it('answers 429 once the client’s budget is spent', async () => {
    const { guarded, advance } = setUp({ burst: 2 });
    expect(await codeOf(guarded.verify('token'))).toBe('ok');
    expect(await codeOf(guarded.verify('token'))).toBe('ok');
    const refused = await guarded.verify('token').catch((error: GatewayError) => error);
    expect(refused).toMatchObject({ code: 'request.rateLimited', retryAfterSeconds: 1 });
    advance(1);
    expect(await codeOf(guarded.verify('token'))).toBe('ok');
  });

  it('passes an invalid token’s refusal through, without reading the registry', async () => {
    const { guarded, reads } = setUp();
    expect(await codeOf(guarded.verify('forged'))).toBe('auth.unauthenticated');
    expect(reads()).toBe(0);
  });

  it('will not be configured above the documented bound', () => {
    expect(() =>
      guardAccessTokens(
        tokens,
        {
          clients: { findClient: async () => undefined },
          rateLimiter: createInMemoryRateLimiter({ clock: { now: () => new Date() } }),
          clock: { now: () => new Date() },
        },
        { clientStatusMaxAgeSeconds: 31, perClient: { burst: 1, perSecond: 1 } },
      ),
    ).toThrow(/30 s bound/);
  });
});
