import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../functions/core/gateway-error';
import { classifyFailure, retryDelaySeconds } from '../../../functions/core/retry-policy';

describe('retry policy', () => {
  it('grows the ceiling exponentially and caps it', () => {
    const atCeiling = () => 0.999_999;
    expect(retryDelaySeconds(1, atCeiling)).toBe(1);
    expect(retryDelaySeconds(3, atCeiling)).toBe(7);
    expect(retryDelaySeconds(6, atCeiling)).toBe(63);
    expect(retryDelaySeconds(30, atCeiling)).toBe(899);
  });

  it('jitters over the whole range, never below one second', () => {
    expect(retryDelaySeconds(6, () => 0)).toBe(1);
    expect(retryDelaySeconds(6, () => 0.5)).toBe(32);
  });

  it('never retries sooner than Retry-After asks', () => {
    expect(retryDelaySeconds(1, () => 0, undefined, 120)).toBe(120);
  });

  it('parks a rejection and retries transient failures and unknown errors', () => {
    expect(classifyFailure(new GatewayError('national.rejected', 'no'))).toEqual({ retry: false });
    expect(
      classifyFailure(new GatewayError('national.transient', 'busy', { retryAfterSeconds: 30 })),
    ).toEqual({
      retry: true,
      retryAfterSeconds: 30,
    });
    expect(classifyFailure(new Error('socket hang up'))).toEqual({ retry: true });
  });
});
