import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Browser-facing hardening for an API that answers JSON only: nothing may load, frame or
 * sniff it, it is HTTPS-only for two years, and no Referer leaks a dossier URL. A route that
 * serves a page (the admin console, the API docs) sets its own Content-Security-Policy, which
 * is kept (`overwrite: false`); the rest still apply.
 */
export function securityHeaders() {
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    strictTransportSecurity: 'max-age=63072000; includeSubDomains',
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
    overwrite: false,
  });
  // Answers carry personal data: no shared cache keeps them unless a route says it may.
  const noStore = createMiddleware(async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  });
  return [headers, noStore] as const;
}
