import { createHash, timingSafeEqual } from 'node:crypto';
import { CHECKSUM_SEPARATOR } from '../../contracts/payment-platform';

/**
 * MaXacThuc of the payment platform (DOMAIN.md, protocol 1.0.6): the lowercase hex SHA-256 of
 * the listed field values joined with `|`, with the partner secret appended as the last
 * element. A plain hash, not an HMAC, so it is only as good as the secret's secrecy; the
 * comparison is constant-time all the same, so a forger learns nothing from response times.
 */
const digest = (signed: string, secret: string) =>
  createHash('sha256').update(`${signed}${CHECKSUM_SEPARATOR}${secret}`, 'utf8').digest('hex');

/** Whether some value holds the separator, which would make the joined text ambiguous. */
const holdsSeparator = (values: readonly string[]) =>
  values.some((value) => value.includes(CHECKSUM_SEPARATOR));

/**
 * MaXacThuc of a message's fields. A value holding the separator would let the checksum verify
 * for other values split differently (issue 17: an INIT's checksum taken for a callback), so
 * the gateway never signs one.
 */
export function computePaymentChecksum(values: readonly string[], secret: string): string {
  if (holdsSeparator(values)) {
    throw new RangeError(`a checksummed value contains the separator "${CHECKSUM_SEPARATOR}"`);
  }
  return digest(values.join(CHECKSUM_SEPARATOR), secret);
}

/**
 * The checksum of a whole document (the transaction list's trailer): one value, whatever it
 * holds, with the secret appended after the separator. One value cannot be split two ways.
 */
export function computeDocumentChecksum(document: string, secret: string): string {
  return digest(document, secret);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * True when `received` equals `expectedFor(secret)` for any of `secrets` (the current secret
 * and, during a rotation, the previous one). Every secret is tried, whatever matched, and each
 * comparison runs over two 32-byte buffers: the time taken does not depend on the input.
 */
function matchesAny(received: string, secrets: readonly string[], expectedFor: (secret: string) => string) {
  const normalised = received.toLowerCase();
  // A malformed value is compared against a fixed dummy, so it costs the same as a wrong one.
  const actual = Buffer.from(SHA256_HEX.test(normalised) ? normalised : '0'.repeat(64), 'hex');
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(expectedFor(secret), 'hex');
    matched = (expected.length === actual.length && timingSafeEqual(expected, actual)) || matched;
  }
  return matched && SHA256_HEX.test(normalised);
}

/** True when `received` is the MaXacThuc of `values`; never for values holding the separator. */
export function verifyPaymentChecksum(
  values: readonly string[],
  received: string,
  secrets: readonly string[],
): boolean {
  if (holdsSeparator(values)) return false;
  return matchesAny(received, secrets, (secret) => computePaymentChecksum(values, secret));
}

/** True when `received` is the checksum of the whole `document`. */
export function verifyDocumentChecksum(
  document: string,
  received: string,
  secrets: readonly string[],
): boolean {
  return matchesAny(received, secrets, (secret) => computeDocumentChecksum(document, secret));
}
