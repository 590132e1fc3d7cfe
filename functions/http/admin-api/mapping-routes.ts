import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  mappingFileFormats,
  mappingImportQuerySchema,
  mappingImportResultSchema,
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
import { GatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { mappingFileHeaders, mappingFileTypes, readMappingFile, writeMappingFile } from '../mapping-files';
import { bodyRefusals, json } from '../openapi-parts';
import { adminProblems, adminRoute } from './admin-route';

const errors = adminProblems();
const kindParam = z.object({ kind: mappingKindSchema });
const mappingParams = z.object({ kind: mappingKindSchema, localCode: localCodeSchema });
const fileBody = {
  'text/csv': { schema: z.string().meta({ description: 'Header row localCode,nationalCode,nationalName' }) },
  [mappingFileTypes.xlsx]: { schema: z.string().meta({ format: 'binary' }) },
};

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
      method: 'post',
      path: '/v1/admin/mappings/{kind}/imports',
      summary:
        'Import a .csv or .xlsx mapping file (audited): all rows or none; dryRun=true checks and counts only',
      request: {
        params: kindParam,
        query: mappingImportQuerySchema,
        body: { required: true, content: fileBody },
      },
      responses: {
        200: {
          description: 'Saved, or checked (dry run): the counts',
          content: json(mappingImportResultSchema),
        },
        ...adminProblems({
          413: 'Body too large: split the file',
          415: 'Send text/csv or the .xlsx type',
          422: 'mapping.importInvalid: nothing saved; result.errors lists each row, column and error',
        }),
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      const format = mappingFileFormats.find((candidate) =>
        mappingFileTypes[candidate].startsWith(type || '-'),
      );
      if (!format) {
        throw new GatewayError(
          'request.unsupportedMediaType',
          'Gửi tệp text/csv hoặc .xlsx / Send text/csv or an .xlsx workbook',
        );
      }
      const rows = await readMappingFile(format, new Uint8Array(await c.req.arrayBuffer()));
      const result = await mappings.importRows(kind, rows, {
        dryRun: c.req.valid('query').dryRun,
        actor: actorOf(c.var.caller),
      });
      if (result.errors.length > 0 && !result.dryRun) throw importRefusal(result);
      return c.json(result, 200);
    },
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/mappings/{kind}/export',
      summary: 'The mapping table as the file an import reads back',
      request: {
        params: kindParam,
        query: z.strictObject({ format: z.enum(mappingFileFormats).default('csv') }),
      },
      responses: {
        200: { description: 'The file', content: fileBody },
        ...errors,
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const bytes = await writeMappingFile(format, await mappings.list(kind));
      return c.body(bytes, 200, mappingFileHeaders(kind, format));
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

/** An import with wrong rows: 422, each row's error as a field error and the whole result. */
export function importRefusal(result: z.infer<typeof mappingImportResultSchema>): GatewayError {
  return new GatewayError(
    'mapping.importInvalid',
    `Tệp có ${result.errors.length} lỗi, chưa lưu dòng nào / ${result.errors.length} error(s) in the file, nothing saved`,
    {
      fieldErrors: result.errors.map((error) => ({
        path: `$.rows[${error.row}].${error.field}`,
        message: error.message,
      })),
      details: { result },
    },
  );
}
