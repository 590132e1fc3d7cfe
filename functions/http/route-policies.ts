import type { Scope } from '../../contracts/oauth';
import type { AccessTokens } from '../ports/access-tokens';
import { requireScope } from './require-scope';

/**
 * Who may call each route, as data: the routes take their scopes from here, and
 * tests/functions/http/authorization-matrix.test.ts enumerates the app's routes, fails on any
 * route without an entry (or an entry without a route), and checks every route against every
 * scope and against its own and another agency.
 *
 * - public: no token; `why` says why that is safe.
 * - bearer: a token holding one of `scopes`; `agency: 'own'` means the caller must also hold a
 *   grant for the agency the request is about (admin acts for every agency), `'any'` means the
 *   scope alone decides (the national portal acts for the whole country).
 */
export type RoutePolicy =
  | { readonly access: 'public'; readonly why: string }
  | {
      readonly access: 'bearer';
      readonly scopes: readonly [Scope, ...Scope[]];
      readonly agency: 'own' | 'any';
      /** Also requires the caller's address on the national allow-list and a signed body. */
      readonly nationalPush?: true;
    };

/** Keys are `METHOD path`, with path parameters as Hono writes them (`:code`). */
export const routePolicies = {
  'GET /health': { access: 'public', why: 'load balancer and uptime probe; no personal data' },
  'GET /.well-known/jwks.json': { access: 'public', why: 'public keys only, so callers can verify tokens' },
  'POST /oauth/token': { access: 'public', why: 'the client credentials in the body are the authentication' },
  'POST /v1/dossiers': { access: 'bearer', scopes: ['dossiers:write'], agency: 'own' },
  'POST /v1/dossiers/:code/status': { access: 'bearer', scopes: ['dossiers:write'], agency: 'own' },
  'GET /v1/dossiers/:code': { access: 'bearer', scopes: ['dossiers:write', 'admin'], agency: 'own' },
  'POST /v1/national/dossiers': {
    access: 'bearer',
    scopes: ['national:push'],
    agency: 'any',
    nationalPush: true,
  },
  'POST /v1/national/status': {
    access: 'bearer',
    scopes: ['national:push'],
    agency: 'any',
    nationalPush: true,
  },
} as const satisfies Record<string, RoutePolicy>;

export type RouteKey = keyof typeof routePolicies;

/** The bearer-token middleware of a route, with the scopes its policy declares. */
export function requireRoutePolicy(tokens: AccessTokens, route: RouteKey) {
  const policy: RoutePolicy = routePolicies[route];
  if (policy.access !== 'bearer') throw new Error(`${route} is public: it takes no token middleware`);
  return requireScope(tokens, ...policy.scopes);
}
