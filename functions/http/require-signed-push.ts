import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../core/gateway-error';
import { verifySignedRequest } from '../core/signed-request';
import type { Clock } from '../ports/clock';
import type { HttpSecurity } from './http-security';

/**
 * Replay protection for the national portal's pushes (SECURITY.md, "Signed national pushes").
 * When secrets are configured, a push must be signed in the Standard Webhooks scheme over its
 * raw body; its timestamp must be within ±toleranceSeconds; and the same (webhook-id,
 * webhook-timestamp) is accepted once: a captured request played again inside the window is
 * refused with 409. An honest resend carries a new timestamp and signature (Standard Webhooks
 * retries do), passes, and is then answered by the natural idempotency of the push. If the
 * push is not accepted (4xx, 5xx) its nonce is released, so a byte-identical retry is
 * answered on its merits, not refused as a replay.
 * Without secrets this middleware lets everything through: bearer token and address only.
 */
export function requireSignedPush(options: HttpSecurity['nationalPush'], clock: Clock) {
  return createMiddleware(async (c, next) => {
    if (options.secrets.length === 0) return next();
    const now = clock.now();
    const verified = verifySignedRequest({
      secrets: options.secrets,
      headers: {
        id: c.req.header('webhook-id'),
        timestamp: c.req.header('webhook-timestamp'),
        signature: c.req.header('webhook-signature'),
      },
      body: new Uint8Array(await c.req.arrayBuffer()),
      now,
      toleranceSeconds: options.toleranceSeconds,
    });
    const nonce = `push:${verified.id}:${verified.timestampSeconds}`;
    // Remembered until the timestamp leaves the window; after that the window refuses it.
    const expiresAt = new Date((verified.timestampSeconds + options.toleranceSeconds + 1) * 1000);
    if (!(await options.nonces.claim(nonce, expiresAt))) {
      throw new GatewayError(
        'request.replayed',
        `Yêu cầu ${verified.id} đã được nhận / This signed request (webhook-id ${verified.id}) was already received; a resend must be signed again with a new webhook-timestamp`,
      );
    }
    let failed = true;
    try {
      await next();
      // Only an accepted push must not happen twice; a refused one would be refused again.
      failed = c.res.status >= 300;
    } finally {
      if (failed) await options.nonces.release(nonce).catch(() => undefined);
    }
  });
}
