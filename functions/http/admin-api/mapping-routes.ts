import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  mappingListQuerySchema,
  mappingListSchema,
  mappingWriteSchema,
  unmappedCodeListSchema,
} from '../../../contracts/code-mapping-api';
import {
  codeMappingSchema,
  localCodeSchema,
  mappingKindSchema,
  UNMAPPED_DAYS,
} from '../../../contracts/code-mappings';
import { actorOf } from '../../application/audit-actor';
import { createCodeMappingOperations } from '../../application/manage-code-mappings';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, json } from '../openapi-parts';
import { adminProblems, adminRoute } from './admin-route';

const errors = adminProblems();
export const kindParam = z.object({ kind: mappingKindSchema });
const mappingParams = z.object({ kind: mappingKindSchema, localCode: localCodeSchema });

/**
 * Mapping tables from local codes to the national ones (issue 21; DESIGN.md "National
 * catalogues and code mappings"): read by every role, written by security officers, every
 * write audited through createCodeMappingOperations.
 */
export function registerMappingRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  const mappings = createCodeMappingOperations(deps);
  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/mappings/{kind}',
      summary:
        'The mapping table of a kind, by local code; q: the start of a code or words of the national name',
      request: { params: kindParam, query: mappingListQuerySchema },
      responses: { 200: { description: 'Mappings', content: json(mappingListSchema) }, ...errors },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      return c.json({ kind, items: await mappings.list(kind, c.req.valid('query').q) }, 200);
    },
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'put',
      path: '/v1/admin/mappings/{kind}/{localCode}',
      summary:
        'Map a local code to a national one (audited). Refused when the loaded catalogue does not list the national code; saved as unchecked while the catalogue has never loaded',
      request: { params: mappingParams, body: { required: true, content: json(mappingWriteSchema) } },
      responses: {
        200: { description: 'The mapping as saved', content: json(codeMappingSchema) },
        ...adminProblems({
          ...bodyRefusals,
          422: 'mapping.nationalCodeUnknown: the catalogue does not list the national code; closest names the nearest entries',
        }),
      },
    }),
    async (c) => {
      const { kind, localCode } = c.req.valid('param');
      const saved = await mappings.put(kind, localCode, c.req.valid('json'), actorOf(c.var.caller));
      return c.json(saved, 200);
    },
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'delete',
      path: '/v1/admin/mappings/{kind}/{localCode}',
      summary: 'Remove a mapping (audited with what it was)',
      request: { params: mappingParams },
      responses: {
        204: { description: 'Removed' },
        ...adminProblems({ 404: 'mapping.notFound' }),
      },
    }),
    async (c) => {
      const { kind, localCode } = c.req.valid('param');
      await mappings.remove(kind, localCode, actorOf(c.var.caller));
      return c.body(null, 204);
    },
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/unmapped-codes',
      summary: `Codes dossiers carried in the last ${UNMAPPED_DAYS} days that no mapping and no catalogue entry explains, with their dossier counts`,
      responses: { 200: { description: 'The to-do list', content: json(unmappedCodeListSchema) }, ...errors },
    }),
    async (c) => c.json({ days: UNMAPPED_DAYS, items: await mappings.unmapped() }, 200),
  );
}
