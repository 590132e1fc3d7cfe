import { createMiddleware } from 'hono/factory';
import type { Scope } from '../../contracts/oauth';
import { mayActForAgency } from '../core/agency-grants';
import { GatewayError } from '../core/gateway-error';
import type { AccessTokenClaims, AccessTokens } from '../ports/access-tokens';

export type AuthVariables = { caller: AccessTokenClaims };

/** Bearer-token middleware: the caller must hold one of `scopes`. */
export function requireScope(tokens: AccessTokens, ...scopes: Scope[]) {
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(header);
    if (!match?.[1]) {
      throw new GatewayError(
        'auth.unauthenticated',
        'Thiếu mã truy cập / Missing bearer token: get one from POST /oauth/token and send Authorization: Bearer <token>',
      );
    }
    const caller = await tokens.verify(match[1]);
    if (!scopes.some((scope) => caller.scopes.includes(scope))) {
      throw new GatewayError(
        'auth.forbidden',
        `Cần quyền ${scopes.join(' hoặc ')} / This route needs scope ${scopes.join(' or ')}`,
      );
    }
    c.set('caller', caller);
    await next();
  });
}

export function assertMayActFor(caller: AccessTokenClaims, agencyCode: string): void {
  if (caller.scopes.includes('admin') || mayActForAgency(caller.agencies, agencyCode)) return;
  throw new GatewayError(
    'auth.forbidden',
    `Ứng dụng ${caller.clientId} không được thao tác cho cơ quan ${agencyCode} / Client ${caller.clientId} may not act for agency ${agencyCode}`,
  );
}
