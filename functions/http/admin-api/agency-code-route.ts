import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { agencyRecodingViewSchema } from '../../../contracts/agency-recoding';
import { problemSchema } from '../../../contracts/problem';
import { viewAgencyRecoding } from '../../core/agency-recoding';
import { vietnamDay } from '../../core/vietnam-time';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { requireRoutePolicy } from '../route-policies';

const problem = { 'application/problem+json': { schema: problemSchema } };

/** The agency re-coding table this function loaded, so an administrator can check a deployment. */
export function registerAgencyCodeRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/agency-codes',
      tags: ['Administration'],
      summary:
        'Retired agency codes and their replacements (2025 reorganisation), as loaded, with its version',
      security: [{ bearerAuth: [] }],
      middleware: [requireRoutePolicy(deps.tokens, 'GET /v1/admin/agency-codes')] as const,
      responses: {
        200: {
          description: 'The table; currentCode follows later re-codings as of today (Vietnam time)',
          content: { 'application/json': { schema: agencyRecodingViewSchema } },
        },
        401: { description: 'Missing or invalid token', content: problem },
        403: { description: 'Needs scope admin', content: problem },
      },
    }),
    (c) => c.json(viewAgencyRecoding(deps.agencyRecoding, vietnamDay(deps.clock.now())), 200),
  );
}
