import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../../core/gateway-error';
import type { AccessTokenClaims, AccessTokens } from '../../ports/access-tokens';
import { CONSOLE_PATH, type ConsoleEnv } from './console-env';
import { languageOf } from './language-switch';

const SESSION_COOKIE = 'lt_admin';

/** The CSRF token is derived from the session: a page can embed it, another site cannot guess it. */
const csrfTokenOf = (session: string) =>
  createHash('sha256').update(`csrf:${session}`).digest('base64url').slice(0, 32);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The session cookie holds an access token: Secure, HttpOnly, SameSite=Strict, only for the console. */
export function openConsoleSession(c: Context, token: string, lifetimeSeconds: number) {
  setCookie(c, SESSION_COOKIE, token, {
    path: CONSOLE_PATH,
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    maxAge: lifetimeSeconds,
  });
}

export function closeConsoleSession(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: CONSOLE_PATH, secure: true });
}

/**
 * A page needs a signed-in administrator: without one a page redirects to the sign-in page and
 * a form post is refused. A form post must also carry the session's CSRF token.
 */
export function requireConsoleSession(tokens: AccessTokens) {
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    c.set('language', languageOf(c));
    const token = getCookie(c, SESSION_COOKIE);
    let admin: AccessTokenClaims | undefined;
    if (token) admin = await tokens.verify(token).catch(() => undefined);
    if (!token || !admin?.scopes.includes('admin')) {
      if (c.req.method !== 'GET')
        throw new GatewayError('auth.unauthenticated', 'Phiên đăng nhập đã hết / Session expired');
      return c.redirect(`${CONSOLE_PATH}/login`, 303);
    }
    c.set('admin', admin);
    c.set('csrfToken', csrfTokenOf(token));
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!sameToken(String(form.csrf ?? ''), csrfTokenOf(token))) {
        throw new GatewayError('auth.forbidden', 'Mã chống giả mạo không hợp lệ / Invalid CSRF token');
      }
    }
    await next();
  });
}

export type ConsoleSession = ReturnType<typeof requireConsoleSession>;
