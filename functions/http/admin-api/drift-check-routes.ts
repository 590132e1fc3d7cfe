import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { dossierCodeSchema } from '../../../contracts/codes';
import {
  driftFindingListQuerySchema,
  driftFindingPageSchema,
  driftRunListSchema,
  resyncResultSchema,
} from '../../../contracts/drift-check';
import { problemSchema } from '../../../contracts/problem';
import { resyncDossier } from '../../application/resync-dossier';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { requireRoutePolicy } from '../route-policies';

const problem = { 'application/problem+json': { schema: problemSchema } };
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const errors = {
  400: { description: 'Invalid request', content: problem },
  401: { description: 'Missing or invalid token', content: problem },
  403: { description: 'Needs scope admin', content: problem },
} as const;

/** Drift check for administrators (issue 11): findings, run reports, and a re-sync of one dossier. */
export function registerDriftCheckRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  const route = <R extends Parameters<typeof createRoute>[0]>(
    config: R,
    middleware: ReturnType<typeof requireRoutePolicy>,
  ) =>
    createRoute({
      ...config,
      tags: ['Administration'],
      security: [{ bearerAuth: [] }],
      middleware: [middleware] as const,
    });

  app.openapi(
    route(
      {
        method: 'get',
        path: '/v1/admin/drift-findings',
        summary: 'Dossiers whose status at the national portal differs from what the gateway delivered',
        request: { query: driftFindingListQuerySchema },
        responses: {
          200: { description: 'A page, by dossier code', content: json(driftFindingPageSchema) },
          ...errors,
        },
      },
      requireRoutePolicy(deps.tokens, 'GET /v1/admin/drift-findings'),
    ),
    async (c) => {
      const { state, cursor, limit } = c.req.valid('query');
      return c.json(
        await deps.drift.listFindings({
          limit,
          ...(state ? { states: [state] } : {}),
          ...(cursor ? { cursor } : {}),
        }),
        200,
      );
    },
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/v1/admin/drift-runs',
        summary: 'Reports of the latest drift checks, newest first',
        request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }) },
        responses: { 200: { description: 'Run reports', content: json(driftRunListSchema) }, ...errors },
      },
      requireRoutePolicy(deps.tokens, 'GET /v1/admin/drift-runs'),
    ),
    async (c) => c.json({ items: await deps.drift.listRuns(c.req.valid('query').limit) }, 200),
  );

  app.openapi(
    route(
      {
        method: 'post',
        path: '/v1/admin/drift-findings/{code}/resync',
        summary:
          'Send the dossier as the gateway holds it now to the portal again, in its order; the next check says whether it took',
        request: { params: z.object({ code: dossierCodeSchema }) },
        responses: {
          202: { description: 'Re-sync accepted and queued', content: json(resyncResultSchema) },
          404: { description: 'No finding for this dossier', content: problem },
          409: { description: 'The finding is not open', content: problem },
          ...errors,
        },
      },
      requireRoutePolicy(deps.tokens, 'POST /v1/admin/drift-findings/:code/resync'),
    ),
    async (c) =>
      c.json(await resyncDossier(deps, c.req.valid('param').code, { actor: c.var.caller.clientId }), 202),
  );
}
