import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * MaXacThuc of the payment platform (DOMAIN.md, protocol 1.0.6): the lowercase hex SHA-256 of
 * the listed field values joined with `|`, with the partner secret appended as the last
 * element. A plain hash, not an HMAC, so it is only as good as the secret's secrecy; the
 * comparison is constant-time all the same, so a forger learns nothing from response times.
 */
export function computePaymentChecksum(values: readonly string[], secret: string): string {
  return createHash('sha256')
    .update([...values, secret].join('|'), 'utf8')
    .digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * True when `received` is the checksum of `values` under any of `secrets` (the current secret
 * and, during a rotation, the previous one). Every secret is tried, whatever matched, and each
 * comparison runs over two 32-byte buffers: the time taken does not depend on the input.
 */
export function verifyPaymentChecksum(
  values: readonly string[],
  received: string,
  secrets: readonly string[],
): boolean {
  const normalised = received.toLowerCase();
  // A malformed value is compared against a fixed dummy, so it costs the same as a wrong one.
  const actual = Buffer.from(SHA256_HEX.test(normalised) ? normalised : '0'.repeat(64), 'hex');
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(computePaymentChecksum(values, secret), 'hex');
    matched = (expected.length === actual.length && timingSafeEqual(expected, actual)) || matched;
  }
  return matched && SHA256_HEX.test(normalised);
}
