import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { holdsRole } from '../../core/console-roles';
import { GatewayError } from '../../core/gateway-error';
import type { AccessTokenClaims, AccessTokens } from '../../ports/access-tokens';
import type { SignInTransaction } from '../../ports/person-sign-in';
import { type RouteKey, type RoutePolicy, routePolicies } from '../route-policies';
import { CONSOLE_PATH, type ConsoleEnv } from './console-env';
import { languageOf } from './language-switch';

const SESSION_COOKIE = 'lt_admin';
/** Lives from the sign-in button to the identity provider's answer, and no longer. */
const SIGN_IN_COOKIE = 'lt_signin';
const SIGN_IN_SECONDS = 10 * 60;

/** The CSRF token is derived from the session: a page can embed it, another site cannot guess it. */
const csrfTokenOf = (session: string) =>
  createHash('sha256').update(`csrf:${session}`).digest('base64url').slice(0, 32);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The session cookie holds the gateway's signed token for the person (their subject, name and
 * roles; it expires with the token's lifetime): Secure, HttpOnly, SameSite=Strict, only for
 * the console.
 */
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
 * State, nonce and PKCE verifier kept between the redirect to the identity provider and its
 * answer. SameSite=Lax, because the answer is a top-level navigation from the provider's site.
 */
export function keepSignInTransaction(c: Context, transaction: SignInTransaction) {
  setCookie(c, SIGN_IN_COOKIE, Buffer.from(JSON.stringify(transaction)).toString('base64url'), {
    path: CONSOLE_PATH,
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    maxAge: SIGN_IN_SECONDS,
  });
}

/** The kept transaction, removed as it is read: a callback can be tried once. */
export function takeSignInTransaction(c: Context): SignInTransaction | undefined {
  const kept = getCookie(c, SIGN_IN_COOKIE);
  deleteCookie(c, SIGN_IN_COOKIE, { path: CONSOLE_PATH, secure: true });
  if (!kept) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(kept, 'base64url').toString('utf8')) as Partial<SignInTransaction>;
    const { state, nonce, codeVerifier } = parsed;
    return typeof state === 'string' && typeof nonce === 'string' && typeof codeVerifier === 'string'
      ? { state, nonce, codeVerifier }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The console policy of the route a request matched (route-policies.ts); none is a bug, refused. */
function consolePolicyOf(c: Context): Extract<RoutePolicy, { access: 'console' }> | undefined {
  const path = c.req.routePath.startsWith(CONSOLE_PATH)
    ? c.req.routePath
    : `${CONSOLE_PATH}${c.req.routePath}`;
  const policy: RoutePolicy | undefined =
    routePolicies[`${c.req.method} ${path.replace(/\/$/, '')}` as RouteKey];
  return policy?.access === 'console' ? policy : undefined;
}

/**
 * A page needs a signed-in person: without one a page redirects to the sign-in page and a form
 * post is refused; an API client's token is no session. The person must hold the role the
 * route's policy declares. A form post must also carry the session's CSRF token.
 */
export function requireConsoleSession(tokens: AccessTokens) {
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    c.set('language', languageOf(c));
    const token = getCookie(c, SESSION_COOKIE);
    let admin: AccessTokenClaims | undefined;
    if (token) admin = await tokens.verify(token).catch(() => undefined);
    if (!token || !admin?.person) {
      if (c.req.method !== 'GET')
        throw new GatewayError('auth.unauthenticated', 'Phiên đăng nhập đã hết / Session expired');
      return c.redirect(`${CONSOLE_PATH}/login`, 303);
    }
    const policy = consolePolicyOf(c);
    if (!policy || !holdsRole(admin.person.roles, policy.role)) {
      throw new GatewayError(
        'auth.forbidden',
        `Cần vai trò ${policy?.role ?? '?'} / This page needs role ${policy?.role ?? '(undeclared)'}`,
      );
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
