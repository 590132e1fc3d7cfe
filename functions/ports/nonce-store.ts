/**
 * Remembers request ids for a while, across every function instance, so that a captured
 * request cannot be played again inside its timestamp window.
 */
export interface NonceStore {
  /** True if `key` was free (and is now taken until `expiresAt`); false if it is taken. */
  claim(key: string, expiresAt: Date): Promise<boolean>;
  /** Frees a key whose request failed before it took effect, so an honest retry can pass. */
  release(key: string): Promise<void>;
}
