import type { Clock } from '../../ports/clock';
import type { NonceStore } from '../../ports/nonce-store';

/** Request ids in memory: taken until they expire, then free again. */
export function createInMemoryNonceStore(options: { clock: Clock }): NonceStore {
  const taken = new Map<string, number>();
  return {
    async claim(key, expiresAt) {
      const until = taken.get(key);
      if (until !== undefined && until >= options.clock.now().getTime()) return false;
      taken.set(key, expiresAt.getTime());
      return true;
    },
    async release(key) {
      taken.delete(key);
    },
  };
}
