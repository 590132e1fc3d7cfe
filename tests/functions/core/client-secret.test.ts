import { describe, expect, it } from 'vitest';
import { hashClientSecret, verifyClientSecret } from '../../../functions/core/client-secret';

describe('client secrets', () => {
  it('stores a salted hash, not the secret, and verifies it', async () => {
    const stored = await hashClientSecret('demo-secret');
    expect(stored).not.toContain('demo-secret');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(await verifyClientSecret('demo-secret', stored)).toBe(true);
    expect(await verifyClientSecret('demo-secreT', stored)).toBe(false);
  });

  it('salts each hash differently', async () => {
    expect(await hashClientSecret('same')).not.toBe(await hashClientSecret('same'));
  });

  it('refuses a stored value of an unknown scheme', async () => {
    expect(await verifyClientSecret('x', 'plain$x')).toBe(false);
  });
});
