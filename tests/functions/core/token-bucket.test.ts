import { describe, expect, it } from 'vitest';
import { createInMemoryRateLimiter } from '../../../functions/adapters/in-memory-rate-limiter';
import { type BucketState, takeToken } from '../../../functions/core/token-bucket';

const spec = { burst: 3, perSecond: 0.5 };

describe('takeToken', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    let state: BucketState | undefined;
    const verdicts = [0, 0, 0, 0].map(() => {
      const verdict = takeToken(state, spec, 1_000);
      state = verdict.state;
      return verdict;
    });
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]).toMatchObject({ allowed: false, retryAfterSeconds: 2 });
  });

  it('refills at the steady rate, never above the burst', () => {
    const drained = { tokens: 0, updatedAtMs: 0 };
    expect(takeToken(drained, spec, 1_999).allowed).toBe(false);
    expect(takeToken(drained, spec, 2_000).allowed).toBe(true);
    expect(takeToken(drained, spec, 3_600_000).state.tokens).toBe(spec.burst - 1);
  });

  it('does not let refused requests push recovery further away', () => {
    let state: BucketState = { tokens: 0, updatedAtMs: 0 };
    for (let ms = 0; ms < 2_000; ms += 100) state = takeToken(state, spec, ms).state;
    expect(takeToken(state, spec, 2_000).allowed).toBe(true);
  });
});

describe('in-memory rate limiter', () => {
  it('keeps one bucket per key, on the injected clock', async () => {
    let now = 0;
    const limiter = createInMemoryRateLimiter({ clock: { now: () => new Date(now) } });
    const take = (key: string) => limiter.take(key, { burst: 1, perSecond: 1 });
    expect(await take('client:a')).toEqual({ allowed: true });
    expect(await take('client:a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await take('client:b')).toEqual({ allowed: true });
    now = 1_000;
    expect(await take('client:a')).toEqual({ allowed: true });
  });

  it('stays within its key budget when callers vary their key', async () => {
    const limiter = createInMemoryRateLimiter({ clock: { now: () => new Date(0) }, maxKeys: 100 });
    for (let index = 0; index < 10_000; index += 1) {
      await limiter.take(`address:10.0.${index >> 8}.${index & 255}`, { burst: 1, perSecond: 1 });
    }
    // The last key is still tracked: a drained bucket is refused.
    expect((await limiter.take('address:10.0.39.15', { burst: 1, perSecond: 1 })).allowed).toBe(false);
  });
});
