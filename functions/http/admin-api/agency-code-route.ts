import type { OpenAPIHono } from '@hono/zod-openapi';
import { agencyRecodingViewSchema } from '../../../contracts/agency-recoding';
import { viewAgencyRecoding } from '../../core/agency-recoding';
import { vietnamDay } from '../../core/vietnam-time';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { json, problems, tokenRefusals } from '../openapi-parts';
import { adminRoute } from './admin-route';

/** The agency re-coding table this function loaded, so an administrator can check a deployment. */
export function registerAgencyCodeRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/agency-codes',
      summary:
        'Retired agency codes and their replacements (2025 reorganisation), as loaded, with its version',
      responses: {
        200: {
          description: 'The table; currentCode follows later re-codings as of today (Vietnam time)',
          content: json(agencyRecodingViewSchema),
        },
        ...problems({ ...tokenRefusals, 403: 'Needs scope admin' }),
      },
    }),
    (c) => c.json(viewAgencyRecoding(deps.agencyRecoding, vietnamDay(deps.clock.now())), 200),
  );
}
