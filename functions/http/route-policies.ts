import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Scope } from '../../contracts/oauth';
import type { ConsoleRole } from '../core/console-roles';
import type { AccessTokens } from '../ports/access-tokens';
import { bearerAuth } from './openapi-parts';
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
 * - console: a person's console session (signed in through the identity provider) holding
 *   `role` or a higher one (functions/core/console-roles.ts); without a session a page
 *   redirects to the sign-in page and a form post is refused, with too low a role both are
 *   forbidden; a form post also needs the session's CSRF token and this origin. API clients'
 *   tokens are not sessions: the console refuses them.
 * - `role` on a bearer route: what a person's session needs there; a route without one is for
 *   API clients only. API clients are held to `scopes` alone.
 */
export type RoutePolicy =
  | { readonly access: 'public'; readonly why: string }
  | { readonly access: 'console'; readonly role: ConsoleRole }
  | {
      readonly access: 'bearer';
      readonly scopes: readonly [Scope, ...Scope[]];
      readonly role?: ConsoleRole;
      readonly agency: 'own' | 'any';
      /**
       * Another agency's resource is answered as missing (404), not forbidden, so its ids cannot
       * be probed (payments).
       */
      readonly hidesOthers?: true;
      /** Also requires the caller's address on the national allow-list and a signed body. */
      readonly nationalPush?: true;
    };

/**
 * An admin API route: the admin scope, for every agency of the province, and the console role a
 * person's session needs there.
 */
function adminApi(role: ConsoleRole) {
  return { access: 'bearer', scopes: ['admin'], agency: 'any', role } as const satisfies RoutePolicy;
}
const adminApiViewer = adminApi('viewer');
const adminApiOperator = adminApi('operator');
const adminApiSecurity = adminApi('security');

/** Keys are `METHOD path`, with path parameters as Hono writes them (`:code`). */
export const routePolicies = {
  'GET /health': { access: 'public', why: 'load balancer and uptime probe; no personal data' },
  'GET /.well-known/jwks.json': { access: 'public', why: 'public keys only, so callers can verify tokens' },
  'POST /oauth/token': { access: 'public', why: 'the client credentials in the body are the authentication' },
  'POST /v1/dossiers': { access: 'bearer', scopes: ['dossiers:write'], agency: 'own' },
  'POST /v1/dossiers/:code/status': { access: 'bearer', scopes: ['dossiers:write'], agency: 'own' },
  'GET /v1/dossiers/:code': {
    access: 'bearer',
    scopes: ['dossiers:write', 'admin'],
    agency: 'own',
    role: 'viewer',
  },
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
  // Citizen feedback (issue 23): another agency's item is answered as missing.
  'POST /v1/feedback/:id/answer': {
    access: 'bearer',
    scopes: ['feedback:write'],
    agency: 'own',
    hidesOthers: true,
  },
  'POST /v1/feedback/:id/state': {
    access: 'bearer',
    scopes: ['feedback:write'],
    agency: 'own',
    hidesOthers: true,
  },
  'GET /v1/feedback/:id': {
    access: 'bearer',
    scopes: ['feedback:write', 'admin'],
    agency: 'own',
    hidesOthers: true,
    role: 'viewer',
  },
  'POST /v1/national/feedback': {
    access: 'bearer',
    scopes: ['national:push'],
    agency: 'any',
    nationalPush: true,
  },
  'POST /v1/national/ratings': {
    access: 'bearer',
    scopes: ['national:push'],
    agency: 'any',
    nationalPush: true,
  },
  // Payments (issue 6)
  'POST /v1/payments': { access: 'bearer', scopes: ['payments:write'], agency: 'own' },
  'GET /v1/payments/:id': {
    access: 'bearer',
    scopes: ['payments:write', 'admin'],
    agency: 'own',
    hidesOthers: true,
    role: 'viewer',
  },
  'GET /v1/payments/:id/receipt': {
    access: 'bearer',
    scopes: ['payments:write', 'admin'],
    agency: 'own',
    hidesOthers: true,
    role: 'viewer',
  },
  'POST /v1/callbacks/payment': {
    access: 'public',
    why: 'the payment platform authenticates each callback with its MaXacThuc checksum, checked with the partner secret',
  },
  'POST /v1/national/fees': { access: 'bearer', scopes: ['national:push'], agency: 'any' },
  'POST /v1/admin/reconciliation-runs': adminApiOperator,
  'GET /v1/admin/reconciliation-reports': adminApiViewer,
  'GET /v1/admin/reconciliation-reports/:id': adminApiViewer,
  // Drift check (issue 11)
  'GET /v1/admin/drift-findings': adminApiViewer,
  'GET /v1/admin/drift-runs': adminApiViewer,
  'POST /v1/admin/drift-findings/:code/resync': adminApiOperator,
  'GET /v1/admin/schedules': adminApiViewer,
  'POST /v1/admin/schedules/:name/runs': adminApiOperator,
  // National catalogues (issue 21): pulling is an operator's run, reading is everyone's.
  'POST /v1/admin/catalogue-refreshes': adminApiOperator,
  'GET /v1/admin/catalogues/:kind': adminApiViewer,
  'GET /v1/admin/catalogues/:kind/versions': adminApiViewer,
  // Code mappings (issue 21): mappings decide what reaches the portal, so only security writes them.
  'GET /v1/admin/mappings/:kind': adminApiViewer,
  'PUT /v1/admin/mappings/:kind/:localCode': adminApiSecurity,
  'DELETE /v1/admin/mappings/:kind/:localCode': adminApiSecurity,
  'POST /v1/admin/mappings/:kind/imports': adminApiSecurity,
  'GET /v1/admin/mappings/:kind/export': adminApiViewer,
  'GET /v1/admin/unmapped-codes': adminApiViewer,
  // Connected systems' endpoints and re-sync (issue 19); a system's id is its client id.
  'POST /v1/admin/systems/:id/webhook-test': adminApiOperator,
  'GET /v1/admin/systems/:id/deliveries': adminApiViewer,
  'POST /v1/admin/systems/:id/pause': adminApiOperator,
  'POST /v1/admin/systems/:id/resume': adminApiOperator,
  'POST /v1/admin/resyncs': adminApiOperator,
  // Connected systems (issue 19): who may call the gateway, and with which secrets.
  'POST /v1/admin/systems': adminApiSecurity,
  'GET /v1/admin/systems': adminApiSecurity,
  'GET /v1/admin/systems/:id': adminApiSecurity,
  'PATCH /v1/admin/systems/:id': adminApiSecurity,
  'POST /v1/admin/systems/:id/client-secret': adminApiSecurity,
  'POST /v1/admin/systems/:id/webhook-secret': adminApiSecurity,
  // API reference (issue 4)
  'GET /openapi.json': { access: 'public', why: 'the public contract, generated from the routes' },
  'GET /docs': { access: 'public', why: 'reference page for the public contract; its own CSP' },
  'GET /problems/:code': {
    access: 'public',
    why: 'explains each problem type, the page every problem’s `type` points to; no data',
  },
  'GET /docs/api-reference.js': {
    access: 'public',
    why: 'the reference page’s script, from the npm package',
  },
  // Admin API: administrators act for every agency of the province.
  'GET /v1/admin/queues': adminApiViewer,
  'GET /v1/admin/throughput': adminApiViewer,
  'GET /v1/admin/failed-messages': adminApiViewer,
  'GET /v1/admin/failed-messages/:id': adminApiViewer,
  'POST /v1/admin/failed-messages/:id/replay': adminApiOperator,
  'POST /v1/admin/failed-messages/:id/discard': adminApiOperator,
  'POST /v1/admin/failed-messages/replay': adminApiOperator,
  'GET /v1/admin/audit': adminApiViewer,
  'GET /v1/admin/scorecard': adminApiViewer,
  'GET /v1/admin/scorecard/:id/dossiers': adminApiViewer,
  'GET /v1/admin/dossiers/:code': adminApiViewer,
  // Agency codes after the 2025 reorganisation (issue 11)
  'GET /v1/admin/agency-codes': adminApiViewer,
  'GET /admin/agency-codes': { access: 'console', role: 'viewer' },
  'GET /admin/scorecard': { access: 'console', role: 'viewer' },
  'GET /admin/scorecard/export.csv': { access: 'console', role: 'viewer' },
  'GET /admin/scorecard/export.xlsx': { access: 'console', role: 'viewer' },
  // Connected systems in the console (issue 19): security only; secrets shown once, never cached.
  'GET /admin/systems': { access: 'console', role: 'security' },
  'POST /admin/systems': { access: 'console', role: 'security' },
  'GET /admin/systems/:id': { access: 'console', role: 'security' },
  'POST /admin/systems/:id/client-secret': { access: 'console', role: 'security' },
  'POST /admin/systems/:id/webhook-secret': { access: 'console', role: 'security' },
  'POST /admin/systems/:id/state': { access: 'console', role: 'security' },
  // National catalogues and code mappings in the console (issue 21)
  'GET /admin/catalogues': { access: 'console', role: 'viewer' },
  'GET /admin/mappings': { access: 'console', role: 'viewer' },
  'GET /admin/mappings/export': { access: 'console', role: 'viewer' },
  'POST /admin/mappings': { access: 'console', role: 'security' },
  'POST /admin/mappings/delete': { access: 'console', role: 'security' },
  'POST /admin/mappings/import': { access: 'console', role: 'security' },
  'GET /admin/unmapped-codes': { access: 'console', role: 'viewer' },
  // Admin console
  'GET /admin/assets/console.css': { access: 'public', why: 'the console’s stylesheet' },
  'GET /admin/language': {
    access: 'public',
    why: 'sets a language cookie; redirects within this origin only',
  },
  'GET /admin/login': { access: 'public', why: 'the sign-in page' },
  'POST /admin/login': {
    access: 'public',
    why: 'only sends the browser to the identity provider, with a fresh state, nonce and PKCE challenge',
  },
  'GET /admin/callback': {
    access: 'public',
    why: 'the identity provider’s answer: a session only when its code, state, nonce and PKCE verifier check out; limited per address',
  },
  'POST /admin/logout': { access: 'console', role: 'viewer' },
  'GET /admin': { access: 'console', role: 'viewer' },
  'GET /admin/failed': { access: 'console', role: 'viewer' },
  'GET /admin/failed/:id': { access: 'console', role: 'viewer' },
  'POST /admin/failed/replay': { access: 'console', role: 'operator' },
  'POST /admin/failed/:id/replay': { access: 'console', role: 'operator' },
  'POST /admin/failed/:id/discard': { access: 'console', role: 'operator' },
  'GET /admin/drift': { access: 'console', role: 'viewer' },
  'GET /admin/feedback': { access: 'console', role: 'viewer' },
  'POST /admin/drift/:code/resync': { access: 'console', role: 'operator' },
  'GET /admin/dossiers': { access: 'console', role: 'viewer' },
  'GET /admin/endpoints': { access: 'console', role: 'viewer' },
  'GET /admin/endpoints/:id': { access: 'console', role: 'viewer' },
  'POST /admin/endpoints/:id/pause': { access: 'console', role: 'operator' },
  'POST /admin/endpoints/:id/resume': { access: 'console', role: 'operator' },
  'POST /admin/endpoints/:id/webhook-test': { access: 'console', role: 'operator' },
  'GET /admin/resync': { access: 'console', role: 'operator' },
  'POST /admin/resync': { access: 'console', role: 'operator' },
  // Edited payloads in the audit log are masked for roles that may not see personal data.
  'GET /admin/audit': { access: 'console', role: 'viewer' },
  'GET /admin/audit.csv': { access: 'console', role: 'viewer' },
} as const satisfies Record<string, RoutePolicy>;

export type RouteKey = keyof typeof routePolicies;

/** The bearer-token middleware of a route, with the scopes its policy declares. */
function requireRoutePolicy(tokens: AccessTokens, route: string) {
  const policy: RoutePolicy | undefined = routePolicies[route as RouteKey];
  if (policy?.access !== 'bearer')
    throw new Error(`${route} has no bearer policy in route-policies.ts: add one before the route`);
  return requireScope(tokens, policy.scopes, policy.role);
}

/**
 * A route that takes a bearer token: documented as such, its scopes taken from its entry in the
 * table above (found by method and path, `{code}` written `:code`), so a route without one
 * fails when the app is built. `before` runs ahead of the token check (an address allow-list),
 * `after` behind it (a body signature).
 */
export function bearerRoute<const Config extends Omit<RouteConfig, 'security' | 'middleware'>>(
  tokens: AccessTokens,
  config: Config,
  around: { readonly before?: MiddlewareHandler[]; readonly after?: MiddlewareHandler[] } = {},
) {
  const key = `${config.method.toUpperCase()} ${config.path.replace(/\{(\w+)\}/g, ':$1')}`;
  return createRoute({
    ...config,
    security: bearerAuth,
    middleware: [...(around.before ?? []), requireRoutePolicy(tokens, key), ...(around.after ?? [])],
  });
}
