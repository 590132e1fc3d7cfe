import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  mappingFileFormats,
  mappingImportQuerySchema,
  mappingImportResultSchema,
} from '../../../contracts/code-mapping-api';
import { actorOf } from '../../application/audit-actor';
import { createCodeMappingOperations } from '../../application/manage-code-mappings';
import { GatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { mappingFileHeaders, mappingFileTypes, readMappingFile, writeMappingFile } from '../mapping-files';
import { json } from '../openapi-parts';
import { adminProblems, adminRoute } from './admin-route';
import { kindParam } from './mapping-routes';

const errors = adminProblems();
const fileBody = {
  'text/csv': { schema: z.string().meta({ description: 'Header row localCode,nationalCode,nationalName' }) },
  [mappingFileTypes.xlsx]: { schema: z.string().meta({ format: 'binary' }) },
};

/**
 * The mapping tables as files (.csv, .xlsx): import and export, with the .xlsx reader and
 * writer (~120 KB). Like the rest of the admin API, the console function's (ADR 17).
 */
export function registerMappingFileRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  const mappings = createCodeMappingOperations(deps);
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
