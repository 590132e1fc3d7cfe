import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  feedbackAcceptedSchema,
  feedbackAnswerSchema,
  feedbackIdSchema,
  feedbackStateChangeSchema,
  feedbackViewSchema,
} from '../../../contracts/feedback';
import {
  answerKey,
  findFeedback,
  getFeedbackView,
  replyToFeedback,
} from '../../application/reply-to-feedback';
import { isGatewayError } from '../../core/gateway-error';
import type { AccessTokenClaims } from '../../ports/access-tokens';
import type { SystemsApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, idempotencyKeyHeader, json, problems, tokenRefusals } from '../openapi-parts';
import { assertMayActFor } from '../require-scope';
import { bearerRoute } from '../route-policies';

const params = z.object({ id: feedbackIdSchema });

const stepResponses = {
  202: {
    description: 'Accepted: relayed to the national portal in order, exactly once, or parked, never lost',
    content: json(feedbackAcceptedSchema),
  },
  ...problems({
    ...tokenRefusals,
    ...bodyRefusals,
    400: 'Invalid body; every field error listed',
    404: 'Unknown feedback item, or not one of the caller’s agencies',
    409: 'Key reused with another body',
    422: 'The item’s state does not allow this step; the answer lists the allowed ones',
  }),
} as const;

/** A step of a feedback item's handling that the province sends, relayed to the national portal. */
const stepRoute = <const Path extends string, Body extends z.ZodType>(
  deps: SystemsApiDependencies,
  step: {
    readonly path: Path;
    readonly summary: string;
    readonly idempotencyKey: string;
    readonly body: Body;
  },
) =>
  bearerRoute(deps.tokens, {
    method: 'post',
    path: step.path,
    tags: ['Citizen feedback'],
    summary: step.summary,
    request: {
      params,
      headers: idempotencyKeyHeader(step.idempotencyKey),
      body: { required: true, content: json(step.body) },
    },
    responses: stepResponses,
  });

const answerRoute = (deps: SystemsApiDependencies) =>
  stepRoute(deps, {
    path: '/v1/feedback/{id}/answer',
    summary: 'Answer a citizen’s feedback (relayed as DongBoKetQuaHoiDapGuiTuDVCQG)',
    idempotencyKey: 'Optional; the answer’s content is the natural key when absent',
    body: feedbackAnswerSchema,
  });

const stateRoute = (deps: SystemsApiDependencies) =>
  stepRoute(deps, {
    path: '/v1/feedback/{id}/state',
    summary:
      'Record a step of a feedback item’s handling: received, more information asked, refused, published',
    idempotencyKey: 'Optional; the natural key (eventId) applies when absent',
    body: feedbackStateChangeSchema,
  });

const viewRoute = (deps: SystemsApiDependencies) =>
  bearerRoute(deps.tokens, {
    method: 'get',
    path: '/v1/feedback/{id}',
    tags: ['Citizen feedback'],
    summary: 'State, next deadline and message timeline of a feedback item',
    request: { params },
    responses: {
      200: { description: 'The feedback item as the gateway knows it', content: json(feedbackViewSchema) },
      ...problems({ ...tokenRefusals, 404: 'Unknown feedback item, or not one of the caller’s agencies' }),
    },
  });

/** Whether the caller may act for the agency: a plain answer, for routes that hide other agencies' items. */
function mayActFor(deps: SystemsApiDependencies, caller: AccessTokenClaims) {
  return (agencyCode: string) => {
    try {
      assertMayActFor(deps, caller, agencyCode);
      return true;
    } catch (error) {
      if (isGatewayError(error, 'auth.forbidden')) return false;
      throw error;
    }
  };
}

/** What provincial systems call about citizens' feedback (issue 23). */
export function registerFeedbackRoutes(app: OpenAPIHono<AppEnv>, deps: SystemsApiDependencies) {
  const clientKey = (caller: AccessTokenClaims, key: string | undefined) =>
    key ? `client:${caller.clientId}:${key}` : undefined;

  app.openapi(answerRoute(deps), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const record = await findFeedback(deps.feedback, id, mayActFor(deps, c.var.caller));
    const reply = {
      feedbackId: id,
      state: 'answered',
      at: body.answeredAt,
      handledBy: body.answeredBy,
      answer: body.answer,
    } as const;
    const idempotencyKey = clientKey(c.var.caller, c.req.valid('header')['idempotency-key']);
    const { accepted, record: after } = await replyToFeedback(deps, record, {
      reply,
      naturalKey: answerKey(reply),
      ...(idempotencyKey ? { idempotencyKey } : {}),
      traceId: c.var.requestId,
    });
    if (accepted.replayed) c.header('idempotent-replayed', 'true');
    c.header('location', `/v1/feedback/${encodeURIComponent(id)}`);
    return c.json({ feedbackId: id, messageId: accepted.message.messageId, state: after.state }, 202);
  });

  app.openapi(stateRoute(deps), async (c) => {
    const { id } = c.req.valid('param');
    const { eventId, ...step } = c.req.valid('json');
    const record = await findFeedback(deps.feedback, id, mayActFor(deps, c.var.caller));
    const idempotencyKey = clientKey(c.var.caller, c.req.valid('header')['idempotency-key']);
    const { accepted, record: after } = await replyToFeedback(deps, record, {
      reply: { feedbackId: id, ...step },
      naturalKey: `event:${eventId}`,
      ...(idempotencyKey ? { idempotencyKey } : {}),
      traceId: c.var.requestId,
    });
    if (accepted.replayed) c.header('idempotent-replayed', 'true');
    return c.json({ feedbackId: id, messageId: accepted.message.messageId, state: after.state }, 202);
  });

  app.openapi(viewRoute(deps), async (c) => {
    const { id } = c.req.valid('param');
    const record = await findFeedback(deps.feedback, id, mayActFor(deps, c.var.caller));
    return c.json(await getFeedbackView(deps.store, deps.calendar, record), 200);
  });
}
