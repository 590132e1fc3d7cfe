/**
 * Reads held in the process for `maxAgeMs`, one per key: for data that every message reads and
 * an administrator or a daily job changes rarely. Callers arriving together share one read; a
 * failed read is not kept, so the next caller tries again. A writer in this process forgets the
 * key for its change to be seen at once; one in another function is seen after at most `maxAgeMs`.
 */
export function createReadCache<Key, Value>(options: {
  readonly maxAgeMs: number;
  readonly now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const held = new Map<Key, { at: number; value: Promise<Value> }>();
  return {
    read(key: Key, load: () => Promise<Value>): Promise<Value> {
      const kept = held.get(key);
      if (kept && now() - kept.at < options.maxAgeMs) return kept.value;
      const value = load();
      held.set(key, { at: now(), value });
      value.catch(() => held.delete(key));
      return value;
    },
    forget(key: Key): void {
      held.delete(key);
    },
  };
}
