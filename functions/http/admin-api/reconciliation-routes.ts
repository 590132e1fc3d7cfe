import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { calendarDaySchema } from '../../../contracts/codes';
import { problemSchema } from '../../../contracts/problem';
import {
  reconciliationReportListSchema,
  reconciliationReportSchema,
  reconciliationRunRequestSchema,
} from '../../../contracts/reconciliation';
import { reconcilePayments } from '../../application/reconcile-payments';
import { GatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { requireScope } from '../require-scope';

const problem = { 'application/problem+json': { schema: problemSchema } };
const security = [{ bearerAuth: [] }];

/** Đối soát for administrators: run it for a day, and read the reports (DESIGN.md admin API). */
export function registerReconciliationRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  const admin = requireScope(deps.tokens, 'admin');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/admin/reconciliation-runs',
      tags: ['Administration'],
      summary: 'Reconcile one day now: the platform’s transaction list against the gateway’s payments',
      security,
      middleware: [admin] as const,
      request: {
        body: { required: true, content: { 'application/json': { schema: reconciliationRunRequestSchema } } },
      },
      responses: {
        201: {
          description: 'The report',
          content: { 'application/json': { schema: reconciliationReportSchema } },
        },
        400: { description: 'Invalid day', content: problem },
        413: { description: 'Body too large', content: problem },
        415: { description: 'Not JSON', content: problem },
        401: { description: 'Missing or invalid token', content: problem },
        403: { description: 'Needs scope admin', content: problem },
        502: { description: 'The platform’s list is unreadable', content: problem },
        503: { description: 'The platform is unavailable', content: problem },
      },
    }),
    async (c) => {
      const { day } = c.req.valid('json');
      const report = await reconcilePayments(deps, {
        day,
        trigger: 'admin',
        requestedBy: c.var.caller.clientId,
      });
      c.header('location', `/v1/admin/reconciliation-reports/${report.reportId}`);
      return c.json(report, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/reconciliation-reports',
      tags: ['Administration'],
      summary: 'Reconciliation reports, newest day first (summaries)',
      security,
      middleware: [admin] as const,
      request: {
        query: z.object({
          from: calendarDaySchema.optional(),
          to: calendarDaySchema.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(2000).optional(),
        }),
      },
      responses: {
        200: {
          description: 'A page of reports',
          content: { 'application/json': { schema: reconciliationReportListSchema } },
        },
        400: { description: 'Invalid filter', content: problem },
        401: { description: 'Missing or invalid token', content: problem },
        403: { description: 'Needs scope admin', content: problem },
      },
    }),
    async (c) => {
      const { from, to, limit, cursor } = c.req.valid('query');
      return c.json(
        await deps.reconciliationReports.list({
          limit,
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...(cursor ? { cursor } : {}),
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/reconciliation-reports/{id}',
      tags: ['Administration'],
      summary: 'One reconciliation report with every mismatch',
      security,
      middleware: [admin] as const,
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: {
        200: {
          description: 'The report',
          content: { 'application/json': { schema: reconciliationReportSchema } },
        },
        401: { description: 'Missing or invalid token', content: problem },
        403: { description: 'Needs scope admin', content: problem },
        404: { description: 'No such report', content: problem },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const report = await deps.reconciliationReports.get(id);
      if (!report)
        throw new GatewayError('reconciliation.notFound', `Không có báo cáo ${id} / No report ${id}`);
      return c.json(report, 200);
    },
  );
}
