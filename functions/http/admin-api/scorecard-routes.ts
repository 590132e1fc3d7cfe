import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  scorecardExplanationSchema,
  scorecardIndicatorIdSchema,
  scorecardQuerySchema,
  scorecardReportSchema,
} from '../../../contracts/scorecard';
import { readScorecard, readScorecardExplanation } from '../../application/read-scorecard';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { json } from '../openapi-parts';
import { adminProblems, adminRoute } from './admin-route';

/** The QĐ 766 scorecard (issue 22, DESIGN.md v1.1): the national indicators and why each is what it is. */
export function registerScorecardRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/scorecard',
      summary:
        'The QĐ 766 national service-quality indicators of a period, as the national portal computes them: numerator, denominator, rate (null: N/A) and points; an agency counts its sub-units',
      request: { query: scorecardQuerySchema },
      responses: {
        200: { description: 'The scorecard (docs/adr/0014)', content: json(scorecardReportSchema) },
        ...adminProblems(),
      },
    }),
    async (c) => c.json((await readScorecard(deps, c.req.valid('query'))).report, 200),
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/scorecard/{id}/dossiers',
      summary:
        'The dossiers that count against one indicator in the period, each with why (“trễ 2 ngày làm việc”), and the open ones that will unless handled by a date',
      request: { params: z.object({ id: scorecardIndicatorIdSchema }), query: scorecardQuerySchema },
      responses: {
        200: { description: 'The indicator explained', content: json(scorecardExplanationSchema) },
        ...adminProblems(),
      },
    }),
    async (c) =>
      c.json(await readScorecardExplanation(deps, c.req.valid('param').id, c.req.valid('query')), 200),
  );
}
