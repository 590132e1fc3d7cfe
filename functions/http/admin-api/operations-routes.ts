import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  auditPageSchema,
  bulkReplayRequestSchema,
  bulkReplayResultSchema,
  discardRequestSchema,
  failedMessageDetailSchema,
  failedMessageListQuerySchema,
  failedMessagePageSchema,
  failedMessageSchema,
  queueOverviewSchema,
  replayRequestSchema,
  throughputSchema,
} from '../../../contracts/admin-api';
import { dossierCodeSchema } from '../../../contracts/codes';
import { dossierViewSchema } from '../../../contracts/provincial-api';
import {
  bulkReplay,
  discardAsAdmin,
  failedMessageDetail,
  listFailedMessages,
  queueOverview,
  replayAsAdmin,
} from '../../application/admin-operations';
import { actorOf, auditEntryFor } from '../../application/audit-actor';
import { getDossierView } from '../../application/get-dossier-view';
import { maskPersonalData } from '../../core/mask-personal-data';
import type { AccessTokenClaims } from '../../ports/access-tokens';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, json } from '../openapi-parts';
import { adminProblems, adminRoute } from './admin-route';

const messageIdParams = z.object({ id: z.string().min(1).max(100) });

const canSeePersonalData = (caller: AccessTokenClaims) => caller.scopes.includes('pii:read');

/** The administrators' API: watch queues, find, inspect, replay and discard failed messages. */
export function registerOperationsRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  const route = <const Config extends Parameters<typeof adminRoute>[1]>(config: Config) =>
    adminRoute(deps.tokens, config);

  app.openapi(
    route({
      method: 'get',
      path: '/v1/admin/queues',
      summary:
        'Depth, in-flight, dead letters and parked messages per queue; age of the oldest undelivered message',
      responses: {
        200: { description: 'Queue overview', content: json(queueOverviewSchema) },
        ...adminProblems(),
      },
    }),
    async (c) => c.json(await queueOverview(deps), 200),
  );

  app.openapi(
    route({
      method: 'get',
      path: '/v1/admin/throughput',
      summary: 'Delivered, failed and parked messages per ten minutes over the last hours',
      request: { query: z.object({ hours: z.coerce.number().int().min(1).max(72).default(6) }) },
      responses: { 200: { description: 'Buckets', content: json(throughputSchema) }, ...adminProblems() },
    }),
    async (c) => {
      const { hours } = c.req.valid('query');
      const since = new Date(deps.clock.now().getTime() - hours * 3_600_000);
      return c.json({ buckets: await deps.throughput.recent(since) }, 200);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: '/v1/admin/failed-messages',
      summary: 'Failed messages, newest first, filtered, a page at a time',
      request: { query: failedMessageListQuerySchema },
      responses: {
        200: { description: 'A page', content: json(failedMessagePageSchema) },
        ...adminProblems(),
      },
    }),
    async (c) => {
      const { cursor, limit, ...filter } = c.req.valid('query');
      return c.json(await listFailedMessages(deps, filter, { limit, ...(cursor ? { cursor } : {}) }), 200);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: '/v1/admin/failed-messages/{id}',
      summary: 'One failed message in full: payload (personal data masked without pii:read), every attempt',
      request: { params: messageIdParams },
      responses: {
        200: { description: 'The failed message', content: json(failedMessageDetailSchema) },
        ...adminProblems({ 404: 'No such failed message' }),
      },
    }),
    async (c) => {
      const detail = await failedMessageDetail(deps, c.req.valid('param').id);
      const reveal = canSeePersonalData(c.var.caller);
      const shown = (payload: unknown) => (reveal ? payload : maskPersonalData(payload));
      return c.json(
        {
          failed: detail.failed,
          payload: shown(detail.message?.payload),
          ...(detail.message?.originalPayload === undefined
            ? {}
            : { originalPayload: shown(detail.message.originalPayload) }),
          ...(detail.message
            ? {
                traceId: detail.message.traceId,
                idempotencyKey: detail.message.idempotencyKey,
                acceptedAt: detail.message.acceptedAt,
              }
            : {}),
          attempts: [...detail.attempts],
          personalDataMasked: !reveal,
        },
        200,
      );
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/v1/admin/failed-messages/{id}/replay',
      summary:
        'Replay one parked message, optionally with an edited payload (validated; the original is kept)',
      request: {
        params: messageIdParams,
        body: { required: false, content: json(replayRequestSchema) },
      },
      responses: {
        200: { description: 'Replayed: back in its dossier’s order', content: json(failedMessageSchema) },
        ...adminProblems({ ...bodyRefusals, 404: 'No such failed message', 409: 'No longer parked' }),
      },
    }),
    async (c) => {
      const body = c.req.valid('json') ?? {};
      const replayed = await replayAsAdmin(deps, c.req.valid('param').id, {
        actor: actorOf(c.var.caller),
        ...(body.payload === undefined ? {} : { editedPayload: body.payload }),
      });
      return c.json(replayed, 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/v1/admin/failed-messages/{id}/discard',
      summary: 'Discard one parked message for good, with a reason; the dossier’s later messages go on',
      request: { params: messageIdParams, body: { required: true, content: json(discardRequestSchema) } },
      responses: {
        200: { description: 'Discarded', content: json(failedMessageSchema) },
        ...adminProblems({
          ...bodyRefusals,
          404: 'No such failed message',
          409: 'No longer parked, or an earlier message of the dossier is parked',
        }),
      },
    }),
    async (c) => {
      const { reason } = c.req.valid('json');
      return c.json(
        await discardAsAdmin(deps, c.req.valid('param').id, { actor: actorOf(c.var.caller), reason }),
        200,
      );
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/v1/admin/failed-messages/replay',
      summary: 'Replay every parked message matching a filter (dryRun counts only)',
      request: { body: { required: true, content: json(bulkReplayRequestSchema) } },
      responses: {
        200: { description: 'What was (or would be) replayed', content: json(bulkReplayResultSchema) },
        ...adminProblems(bodyRefusals),
      },
    }),
    async (c) => {
      const { dryRun, ...filter } = c.req.valid('json');
      const result = await bulkReplay(deps, filter, { actor: actorOf(c.var.caller), dryRun });
      return c.json({ ...result, dryRun }, 200);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: '/v1/admin/audit',
      summary: 'Every admin action, newest first',
      request: {
        query: z.object({
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: { description: 'A page of the audit log', content: json(auditPageSchema) },
        ...adminProblems(),
      },
    }),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const page = await deps.audit.list({ limit, ...(cursor ? { cursor } : {}) });
      return c.json({ ...page, items: page.items.map((entry) => auditEntryFor(c.var.caller, entry)) }, 200);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: '/v1/admin/dossiers/{code}',
      summary: 'Everything the gateway knows about one dossier',
      request: { params: z.object({ code: dossierCodeSchema }) },
      responses: {
        200: { description: 'The dossier', content: json(dossierViewSchema) },
        ...adminProblems({ 404: 'Unknown dossier' }),
      },
    }),
    async (c) => c.json(await getDossierView(deps.store, c.req.valid('param').code, deps.agencyNames), 200),
  );
}
