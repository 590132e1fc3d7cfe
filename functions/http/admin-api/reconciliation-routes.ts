import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { calendarDaySchema } from '../../../contracts/codes';
import {
  reconciliationReportListSchema,
  reconciliationReportSchema,
  reconciliationRunRequestSchema,
} from '../../../contracts/reconciliation';
import { reconcilePayments } from '../../application/reconcile-payments';
import { GatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, json, problems, tokenRefusals } from '../openapi-parts';
import { adminRoute } from './admin-route';

/** Đối soát for administrators: run it for a day, and read the reports (DESIGN.md admin API). */
export function registerReconciliationRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.openapi(
    adminRoute(deps.tokens, {
      method: 'post',
      path: '/v1/admin/reconciliation-runs',
      summary: 'Reconcile one day now: the platform’s transaction list against the gateway’s payments',
      request: {
        body: { required: true, content: json(reconciliationRunRequestSchema) },
      },
      responses: {
        201: {
          description: 'The report',
          content: json(reconciliationReportSchema),
        },
        ...problems({
          ...tokenRefusals,
          ...bodyRefusals,
          400: 'Invalid day',
          403: 'Needs scope admin',
          502: 'The platform’s list is unreadable',
          503: 'The platform is unavailable',
        }),
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
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/reconciliation-reports',
      summary: 'Reconciliation reports, newest day first (summaries)',
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
          content: json(reconciliationReportListSchema),
        },
        ...problems({ ...tokenRefusals, 400: 'Invalid filter', 403: 'Needs scope admin' }),
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
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/reconciliation-reports/{id}',
      summary: 'One reconciliation report with every mismatch',
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: {
        200: {
          description: 'The report',
          content: json(reconciliationReportSchema),
        },
        ...problems({ ...tokenRefusals, 403: 'Needs scope admin', 404: 'No such report' }),
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
