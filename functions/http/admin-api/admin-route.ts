import type { RouteConfig } from '@hono/zod-openapi';
import type { AccessTokens } from '../../ports/access-tokens';
import { tokenRefusals } from '../openapi-parts';
import { bearerRoute } from '../route-policies';

/** What every administrators' route may refuse. */
export const adminRefusals = { ...tokenRefusals, 400: 'Invalid request', 403: 'Needs scope admin' } as const;

/** A route of the admin API: under Administration in the document, scope from the policy table. */
export function adminRoute<const Config extends Omit<RouteConfig, 'security' | 'middleware' | 'tags'>>(
  tokens: AccessTokens,
  config: Config,
) {
  return bearerRoute(tokens, { ...config, tags: ['Administration'] });
}
