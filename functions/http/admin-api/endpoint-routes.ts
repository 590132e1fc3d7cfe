import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { existingSystemIdSchema } from '../../../contracts/connected-systems';
import {
  deliveryLogQuerySchema,
  deliveryLogSchema,
  endpointStatusSchema,
  RESYNC_LIMIT,
  resyncRequestSchema,
  resyncResultSchema,
  webhookTestResultSchema,
} from '../../../contracts/endpoint-operations';
import { actorOf } from '../../application/audit-actor';
import {
  listDeliveries,
  pauseSystem,
  resumeSystem,
  sendTestEvent,
} from '../../application/operate-endpoints';
import { resyncDossiers } from '../../application/resync-dossiers';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, json } from '../openapi-parts';
import { adminProblems, adminRoute } from './admin-route';

const unknownSystem = { 404: 'No connected system with this id' } as const;
const systemParams = z.object({ id: existingSystemIdSchema });

/**
 * Operating connected systems' webhook endpoints and re-sending dossiers (issue 19, DESIGN.md
 * "Operating the gateway"); registering systems and their secrets are the systems routes'.
 */
export function registerEndpointRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.openapi(
    adminRoute(deps.tokens, {
      method: 'post',
      path: '/v1/admin/systems/{id}/webhook-test',
      summary:
        'Send a signed Standard Webhooks ping to the system’s endpoint now and answer how it took it (audited)',
      request: { params: systemParams },
      responses: {
        200: {
          description: 'The endpoint’s answer; a failing endpoint is an answer here',
          content: json(webhookTestResultSchema),
        },
        ...adminProblems(unknownSystem),
      },
    }),
    async (c) => c.json(await sendTestEvent(deps, c.req.valid('param').id, actorOf(c.var.caller)), 200),
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/systems/{id}/deliveries',
      summary:
        'The system’s recent webhook attempts (newest first), whether it is paused, and its health hint',
      request: { params: systemParams, query: deliveryLogQuerySchema },
      responses: {
        200: { description: 'The delivery log', content: json(deliveryLogSchema) },
        ...adminProblems(unknownSystem),
      },
    }),
    async (c) => c.json(await listDeliveries(deps, c.req.valid('param').id, c.req.valid('query').limit), 200),
  );

  const switches = [
    {
      path: '/v1/admin/systems/{id}/pause',
      summary:
        'Pause deliveries to the system: they wait in order, neither attempted nor parked, until resumed (audited)',
      description: 'The endpoint, paused',
      run: pauseSystem,
    },
    {
      path: '/v1/admin/systems/{id}/resume',
      summary: 'Resume deliveries to the system: the waiting ones go out in order (audited)',
      description: 'The endpoint, no longer paused',
      run: resumeSystem,
    },
  ] as const;
  for (const { path, summary, description, run } of switches) {
    app.openapi(
      adminRoute(deps.tokens, {
        method: 'post',
        path,
        summary,
        request: { params: systemParams },
        responses: {
          200: { description, content: json(endpointStatusSchema) },
          ...adminProblems(unknownSystem),
        },
      }),
      async (c) => c.json(await run(deps, c.req.valid('param').id, actorOf(c.var.caller)), 200),
    );
  }

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'post',
      path: '/v1/admin/resyncs',
      summary: `Send the current state of chosen dossiers to the national portal again, through each dossier’s ordered channel; at most ${RESYNC_LIMIT} per request, dryRun only counts (audited)`,
      request: { body: { required: true, content: json(resyncRequestSchema) } },
      responses: {
        200: { description: 'What was (or would be) sent', content: json(resyncResultSchema) },
        ...adminProblems(bodyRefusals),
      },
    }),
    async (c) => c.json(await resyncDossiers(deps, c.req.valid('json'), actorOf(c.var.caller)), 200),
  );
}
