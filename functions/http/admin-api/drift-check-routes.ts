import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { dossierCodeSchema } from '../../../contracts/codes';
import {
  driftFindingListQuerySchema,
  driftFindingPageSchema,
  driftRunListSchema,
  resyncResultSchema,
} from '../../../contracts/drift-check';
import { actorOf } from '../../application/audit-actor';
import { resyncDossier } from '../../application/resync-dossier';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { json } from '../openapi-parts';
import { adminProblems, adminRoute } from './admin-route';

/** Drift check for administrators (issue 11): findings, run reports, and a re-sync of one dossier. */
export function registerDriftCheckRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/drift-findings',
      summary: 'Dossiers whose status at the national portal differs from what the gateway delivered',
      request: { query: driftFindingListQuerySchema },
      responses: {
        200: { description: 'A page, by dossier code', content: json(driftFindingPageSchema) },
        ...adminProblems(),
      },
    }),
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
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/drift-runs',
      summary: 'Reports of the latest drift checks, newest first',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }) },
      responses: {
        200: { description: 'Run reports', content: json(driftRunListSchema) },
        ...adminProblems(),
      },
    }),
    async (c) => c.json({ items: await deps.drift.listRuns(c.req.valid('query').limit) }, 200),
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'post',
      path: '/v1/admin/drift-findings/{code}/resync',
      summary:
        'Send the dossier as the gateway holds it now to the portal again, in its order; the next check says whether it took',
      request: { params: z.object({ code: dossierCodeSchema }) },
      responses: {
        202: { description: 'Re-sync accepted and queued', content: json(resyncResultSchema) },
        ...adminProblems({ 404: 'No finding for this dossier', 409: 'The finding is not open' }),
      },
    }),
    async (c) =>
      c.json(await resyncDossier(deps, c.req.valid('param').code, { actor: actorOf(c.var.caller) }), 202),
  );
}
