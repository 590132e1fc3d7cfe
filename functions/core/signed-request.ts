import { createHmac, timingSafeEqual } from 'node:crypto';
import { GatewayError } from './gateway-error';

/**
 * Signed requests in the Standard Webhooks scheme (https://www.standardwebhooks.com), the one
 * the gateway already uses toward provinces: `webhook-id`, `webhook-timestamp` (Unix seconds)
 * and `webhook-signature` = space-separated `v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>`.
 * A chain of small pure steps: parse the headers, compute, compare in constant time, check
 * the age. Several secrets verify at once, so a secret can be rolled without a gap.
 */
export interface SignedRequestHeaders {
  readonly id: string | undefined;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
}

export interface VerifiedRequest {
  readonly id: string;
  readonly timestampSeconds: number;
}

const SIGNATURE_VERSION = 'v1';

function refuse(detail: string): GatewayError {
  return new GatewayError('auth.unauthenticated', detail);
}

/** `whsec_<base64>` (or bare base64) to the key bytes. */
export function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
}

export function computeSignature(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: Uint8Array,
): Buffer {
  return createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSeconds}.`).update(body).digest();
}

/** The header value a sender puts in `webhook-signature`: one signature per secret. */
export function signRequest(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: Uint8Array,
): string {
  return secrets
    .map(
      (secret) =>
        `${SIGNATURE_VERSION},${computeSignature(secret, id, timestampSeconds, body).toString('base64')}`,
    )
    .join(' ');
}

export function parseSignedHeaders(headers: SignedRequestHeaders): {
  id: string;
  timestampSeconds: number;
  signatures: Buffer[];
} {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) {
    throw refuse(
      'Thiếu chữ ký / Unsigned request: send webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks)',
    );
  }
  // The signed text is "<id>.<timestamp>.<body>": an id holding "." could be split another way
  // (id "a.1700000000", timestamp T) and (id "a", timestamp 1700000000, body "T.<body>") sign the
  // same bytes (issue 17's review of every joined-field signature), so "." is not allowed in it.
  if (!/^[\x21-\x2d\x2f-\x7e]{1,256}$/.test(id))
    throw refuse(
      'webhook-id phải là ASCII in được, không có dấu chấm, tối đa 256 ký tự / webhook-id must be 1-256 printable ASCII characters other than "." (the signature\'s separator)',
    );
  if (!/^\d{1,12}$/.test(timestamp))
    throw refuse('webhook-timestamp phải là giây Unix / webhook-timestamp must be Unix seconds');
  const signatures = signature
    .split(' ')
    .filter((part) => part.startsWith(`${SIGNATURE_VERSION},`))
    .map((part) => Buffer.from(part.slice(SIGNATURE_VERSION.length + 1), 'base64'));
  if (signatures.length === 0)
    throw refuse('webhook-signature không có chữ ký v1 / webhook-signature has no v1 signature');
  return { id, timestampSeconds: Number(timestamp), signatures };
}

/**
 * Verifies a signed request's raw body against every current secret, then its age. Throws
 * GatewayError 'auth.unauthenticated' saying what to fix; returns the id and timestamp, which
 * the caller uses against replays within the window.
 */
export function verifySignedRequest(input: {
  readonly secrets: readonly string[];
  readonly headers: SignedRequestHeaders;
  readonly body: Uint8Array;
  readonly now: Date;
  readonly toleranceSeconds: number;
}): VerifiedRequest {
  const { id, timestampSeconds, signatures } = parseSignedHeaders(input.headers);
  const matches = input.secrets.some((secret) => {
    const expected = computeSignature(secret, id, timestampSeconds, input.body);
    // Compare every candidate: stopping at the first match would time which one matched.
    return signatures.reduce(
      (found, candidate) =>
        (candidate.length === expected.length && timingSafeEqual(candidate, expected)) || found,
      false,
    );
  });
  if (!matches) {
    throw refuse(
      'Chữ ký không khớp / Signature mismatch: sign "<webhook-id>.<webhook-timestamp>.<raw body>" with HMAC-SHA256 and a current secret',
    );
  }
  const ageSeconds = Math.floor(input.now.getTime() / 1000) - timestampSeconds;
  if (Math.abs(ageSeconds) > input.toleranceSeconds) {
    throw refuse(
      `webhook-timestamp lệch ${ageSeconds} giây / webhook-timestamp is ${ageSeconds} s from now; the window is ±${input.toleranceSeconds} s (stale, replayed, or a wrong clock)`,
    );
  }
  return { id, timestampSeconds };
}
