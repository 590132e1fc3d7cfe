import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  catalogueRefreshReportSchema,
  catalogueRefreshRequestSchema,
  catalogueSearchQuerySchema,
  catalogueSearchResultSchema,
  catalogueVersionListSchema,
} from '../../../contracts/catalogues';
import { catalogueKindSchema, catalogueKinds } from '../../../contracts/national-catalogues';
import { actorOf } from '../../application/audit-actor';
import { refreshCataloguesNow } from '../../application/refresh-catalogues';
import { searchEntries } from '../../core/catalogue-matching';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, json } from '../openapi-parts';
import { adminProblems, adminRoute } from './admin-route';

/** National catalogues for administrators (issue 21): pull now, search, and the versions kept. */
export function registerCatalogueRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.openapi(
    adminRoute(deps.tokens, {
      method: 'post',
      path: '/v1/admin/catalogue-refreshes',
      summary:
        'Pull the national catalogues now (audited); the catalogue-refresh schedule does the same daily. A failed or partial pull keeps the last good version',
      request: { body: { required: true, content: json(catalogueRefreshRequestSchema) } },
      responses: {
        201: { description: 'What each pull did', content: json(catalogueRefreshReportSchema) },
        ...adminProblems(bodyRefusals),
      },
    }),
    async (c) =>
      c.json(
        await refreshCataloguesNow(deps, c.req.valid('json').kinds ?? catalogueKinds, actorOf(c.var.caller)),
        201,
      ),
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/catalogues/{kind}',
      summary: 'Search the current version of a national catalogue by code or by words of a name',
      request: { params: z.object({ kind: catalogueKindSchema }), query: catalogueSearchQuerySchema },
      responses: {
        200: {
          description: 'Matching entries, in the portal’s order',
          content: json(catalogueSearchResultSchema),
        },
        ...adminProblems(),
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const { q, limit } = c.req.valid('query');
      const current = await deps.catalogues.current(kind);
      if (!current) return c.json({ kind, items: [] }, 200);
      const { items, ...version } = current;
      return c.json({ kind, version, items: searchEntries(items, q, limit) }, 200);
    },
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/catalogues/{kind}/versions',
      summary:
        'The versions of a national catalogue kept by the gateway, newest first, with what each changed',
      request: {
        params: z.object({ kind: catalogueKindSchema }),
        query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }),
      },
      responses: {
        200: { description: 'Versions', content: json(catalogueVersionListSchema) },
        ...adminProblems(),
      },
    }),
    async (c) =>
      c.json(
        { items: await deps.catalogues.listVersions(c.req.valid('param').kind, c.req.valid('query').limit) },
        200,
      ),
  );
}
