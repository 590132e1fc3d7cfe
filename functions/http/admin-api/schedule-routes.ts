import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { scheduleListSchema, scheduleNameSchema, scheduleRunSchema } from '../../../contracts/schedules';
import { actorOf } from '../../application/audit-actor';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { json } from '../openapi-parts';
import { adminProblems, adminRoute } from './admin-route';

/** Schedules for administrators (issue 19): each with its last run, and a run started now. */
export function registerScheduleRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/schedules',
      summary: 'The scheduled functions, how often each runs, and its last run with its outcome',
      responses: {
        200: { description: 'Every schedule of the topology', content: json(scheduleListSchema) },
        ...adminProblems(),
      },
    }),
    async (c) => c.json({ items: await deps.schedules.list() }, 200),
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'post',
      path: '/v1/admin/schedules/{name}/runs',
      summary:
        'Run one schedule now and answer its run (audited). Running it while its timer runs it is safe: each schedule writes by natural keys',
      request: { params: z.object({ name: scheduleNameSchema }) },
      responses: {
        201: {
          description: 'The run, succeeded or failed, with its report or error',
          content: json(scheduleRunSchema),
        },
        ...adminProblems({ 404: 'No schedule with this name' }),
      },
    }),
    async (c) => c.json(await deps.schedules.runNow(c.req.valid('param').name, actorOf(c.var.caller)), 201),
  );
}
