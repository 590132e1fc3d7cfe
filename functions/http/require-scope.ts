import { createMiddleware } from 'hono/factory';
import type { Scope } from '../../contracts/oauth';
import { mayActForAgencyOn } from '../core/agency-grants';
import type { AgencyRecoding } from '../core/agency-recoding';
import { type ConsoleRole, holdsRole } from '../core/console-roles';
import { GatewayError, isGatewayError } from '../core/gateway-error';
import { vietnamDay } from '../core/vietnam-time';
import type { AccessTokenClaims, AccessTokens } from '../ports/access-tokens';
import type { Clock } from '../ports/clock';

export type AuthVariables = { caller: AccessTokenClaims };

/**
 * A presented token that is refused is `invalid_token` (RFC 6750 section 3.1) whatever refused
 * it: the verifier says expired or invalid; a client disabled since the token was issued makes
 * it revoked.
 */
function asInvalidToken(error: unknown): unknown {
  if (!isGatewayError(error, 'auth.unauthenticated') || error.details.error !== undefined) return error;
  return new GatewayError(error.code, error.message, {
    cause: error,
    details: { ...error.details, error: 'invalid_token', error_description: 'The access token was revoked' },
  });
}

/**
 * Bearer-token middleware: the caller must hold one of `scopes`; a person's session must also
 * hold `role` (a route without one is for API clients only).
 */
export function requireScope(tokens: AccessTokens, scopes: readonly Scope[], role?: ConsoleRole) {
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(header);
    if (!match?.[1]) {
      throw new GatewayError(
        'auth.unauthenticated',
        'Thiếu mã truy cập / Missing bearer token: get one from POST /oauth/token and send Authorization: Bearer <token>',
      );
    }
    const caller = await tokens.verify(match[1]).catch((error: unknown) => {
      throw asInvalidToken(error);
    });
    if (!scopes.some((scope) => caller.scopes.includes(scope))) {
      throw new GatewayError(
        'auth.forbidden',
        `Cần quyền ${scopes.join(' hoặc ')} / This route needs scope ${scopes.join(' or ')}`,
      );
    }
    if (caller.person && !(role && holdsRole(caller.person.roles, role))) {
      throw new GatewayError(
        'auth.forbidden',
        role
          ? `Cần vai trò ${role} / This route needs role ${role}`
          : 'Đường dẫn này chỉ dành cho ứng dụng / This route is for API clients only',
      );
    }
    c.set('caller', caller);
    await next();
  });
}

/** What authorization needs to follow the agency re-coding table as of now. */
export interface RecodingAt {
  readonly agencyRecoding: AgencyRecoding;
  readonly clock: Clock;
}

export function assertMayActFor(deps: RecodingAt, caller: AccessTokenClaims, agencyCode: string): void {
  if (
    caller.scopes.includes('admin') ||
    mayActForAgencyOn(caller.agencies, agencyCode, deps.agencyRecoding, vietnamDay(deps.clock.now()))
  )
    return;
  throw new GatewayError(
    'auth.forbidden',
    `Ứng dụng ${caller.clientId} không được thao tác cho cơ quan ${agencyCode} / Client ${caller.clientId} may not act for agency ${agencyCode}`,
  );
}
