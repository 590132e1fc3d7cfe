import { describe, expect, it } from 'vitest';
import { createReadCache } from '../../../functions/adapters/read-cache';

describe('reads held in the process for a while', () => {
  it('answers from the held read until it is maxAgeMs old, then reads again', async () => {
    // Prepare
    let clock = 0;
    let reads = 0;
    const cache = createReadCache<string, number>({ maxAgeMs: 1000, now: () => clock });
    const load = async () => {
      reads += 1;
      return reads;
    };

    // Act
    const first = await cache.read('agencies', load);
    clock = 999;
    const held = await cache.read('agencies', load);
    clock = 1000;
    const fresh = await cache.read('agencies', load);

    // Assess
    expect([first, held, fresh]).toEqual([1, 1, 2]);
  });

  it('shares one read among callers arriving together, per key', async () => {
    let reads = 0;
    const cache = createReadCache<string, string>({ maxAgeMs: 1000, now: () => 0 });
    const load = (key: string) => async () => {
      reads += 1;
      return key;
    };

    const answers = await Promise.all([
      cache.read('agencies', load('agencies')),
      cache.read('agencies', load('agencies')),
      cache.read('procedures', load('procedures')),
    ]);

    expect(answers).toEqual(['agencies', 'agencies', 'procedures']);
    expect(reads).toBe(2);
  });

  it('does not keep a failed read: the next caller tries again', async () => {
    const cache = createReadCache<string, string>({ maxAgeMs: 1000, now: () => 0 });

    await expect(cache.read('agencies', () => Promise.reject(new Error('throttled')))).rejects.toThrow(
      'throttled',
    );
    const retried = await cache.read('agencies', async () => 'read again');

    expect(retried).toBe('read again');
  });

  it('reads again at once after a writer forgets the key', async () => {
    let version = 1;
    const cache = createReadCache<string, number>({ maxAgeMs: 1000, now: () => 0 });
    const load = async () => version;

    await cache.read('agencies', load);
    version = 2;
    const beforeForget = await cache.read('agencies', load);
    cache.forget('agencies');
    const afterForget = await cache.read('agencies', load);

    expect([beforeForget, afterForget]).toEqual([1, 2]);
  });
});
