import type { RouteConfig } from '@hono/zod-openapi';
import type { AccessTokens } from '../../ports/access-tokens';
import { problems, tokenRefusals } from '../openapi-parts';
import { bearerRoute } from '../route-policies';

/** What every administrators' route may refuse. */
const adminRefusals = { ...tokenRefusals, 400: 'Invalid request', 403: 'Needs scope admin' } as const;

type Refusals = Parameters<typeof problems>[0];

/**
 * The problem responses of an admin route: its own refusals (a 404, a 409, bodyRefusals for a
 * route that reads a JSON body) beside what every admin route may refuse.
 */
export function adminProblems<const Own extends Refusals = Record<never, string>>(own?: Own) {
  return problems({ ...adminRefusals, ...own } as typeof adminRefusals & Own);
}

/** A route of the admin API: under Administration in the document, scope from the policy table. */
export function adminRoute<const Config extends Omit<RouteConfig, 'security' | 'middleware' | 'tags'>>(
  tokens: AccessTokens,
  config: Config,
) {
  return bearerRoute(tokens, { ...config, tags: ['Administration'] });
}
