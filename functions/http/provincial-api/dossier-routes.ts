import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { agencyOfDossierCode, dossierCodeSchema } from '../../../contracts/codes';
import {
  acceptedMessageSchema,
  dossierSubmissionSchema,
  dossierSubmissionV11Example,
  dossierViewSchema,
  statusChangeSchema,
} from '../../../contracts/provincial-api';
import { acceptMessage } from '../../application/accept-message';
import { checkCatalogueCodes } from '../../application/check-catalogue-codes';
import { getDossierView } from '../../application/get-dossier-view';
import { agencyNameUnknown } from '../../core/agency-names';
import { retiredAgencyRefusal } from '../../core/agency-recoding';
import type { MessageSummary } from '../../core/dossier-message';
import { vietnamDay } from '../../core/vietnam-time';
import type { SystemsApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, idempotencyKeyHeader, json, problems, tokenRefusals } from '../openapi-parts';
import { assertMayActFor } from '../require-scope';
import { bearerRoute } from '../route-policies';
import { paymentViewOf } from './payment-view';

/** What both dossier writes may refuse before their own 409 and 422. */
const writeRefusals = {
  ...tokenRefusals,
  ...bodyRefusals,
  400: 'Invalid body; every field error listed',
  403: 'The client may not act for this agency',
} as const;

const submitDossierRoute = (deps: SystemsApiDependencies) =>
  bearerRoute(deps.tokens, {
    method: 'post',
    path: '/v1/dossiers',
    tags: ['Dossiers'],
    summary: 'Create or update a dossier (relayed to the national portal)',
    request: {
      headers: idempotencyKeyHeader('Optional; the natural key (dossierCode + version) applies when absent'),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: dossierSubmissionSchema,
            examples: {
              v1: { summary: 'A v1 dossier', value: dossierSubmissionSchema.meta()?.example },
              'v1.1': {
                summary: 'With the facts the national indicators (QĐ 766) read',
                value: dossierSubmissionV11Example,
              },
            },
          },
        },
      },
    },
    responses: {
      202: {
        description: 'Accepted: will be delivered or parked, never lost',
        content: json(acceptedMessageSchema),
      },
      ...problems({
        ...writeRefusals,
        409: 'Key reused with another body, or a stale version',
        422: 'Status change not allowed; a new dossier under an agency code retired on or before its MaHoSo date (the answer names the replacement); procedure.unknown or agency.unknown: once the national catalogue has loaded, a code it does not list (the answer names the closest entries); or, in strict mode, agency.nameUnknown: no agencyName and no known name for the code',
      }),
    },
  });

const changeStatusRoute = (deps: SystemsApiDependencies) =>
  bearerRoute(deps.tokens, {
    method: 'post',
    path: '/v1/dossiers/{code}/status',
    tags: ['Dossiers'],
    summary: 'Record a status change of a dossier (relayed as a progress row)',
    request: {
      params: z.object({ code: dossierCodeSchema }),
      headers: idempotencyKeyHeader('Optional; the natural key (eventId) applies when absent'),
      body: { required: true, content: json(statusChangeSchema) },
    },
    responses: {
      202: {
        description: 'Accepted: will be delivered or parked, in order',
        content: json(acceptedMessageSchema),
      },
      ...problems({
        ...writeRefusals,
        404: 'The dossier was never sent to the gateway',
        409: 'Event id reused with another body',
        422: 'The status machine does not allow this move; the answer says which are allowed',
      }),
    },
  });

/** What a province sees of an accepted message: held and discarded are internal nuances. */
function acceptedBody(message: MessageSummary) {
  const state =
    message.state === 'delivered' ? 'delivered' : message.state === 'parked' ? 'parked' : 'accepted';
  return {
    dossierCode: message.dossierCode,
    messageId: message.messageId,
    sequence: message.sequence,
    state,
  } as const;
}

const getDossierRoute = (deps: SystemsApiDependencies) =>
  bearerRoute(deps.tokens, {
    method: 'get',
    path: '/v1/dossiers/{code}',
    tags: ['Dossiers'],
    summary: 'Correlated state and message timeline of a dossier',
    request: { params: z.object({ code: dossierCodeSchema }) },
    responses: {
      200: {
        description: 'The dossier as the gateway knows it',
        content: json(dossierViewSchema),
      },
      ...problems({
        ...tokenRefusals,
        403: 'The client may not act for this agency',
        404: 'Unknown dossier',
      }),
    },
  });

export function registerDossierRoutes(app: OpenAPIHono<AppEnv>, deps: SystemsApiDependencies) {
  app.openapi(submitDossierRoute(deps), async (c) => {
    const dossier = c.req.valid('json');
    assertMayActFor(deps, c.var.caller, dossier.agencyCode);
    // DonViXuLy is a name: in strict mode a dossier whose unit nobody can name is refused here.
    if (
      deps.agencyNames.strict &&
      !dossier.agencyName &&
      !(await deps.agencyNames.nameOf(dossier.agencyCode))
    ) {
      throw agencyNameUnknown(dossier.agencyCode);
    }
    const now = deps.clock.now();
    await checkCatalogueCodes(deps, { ...dossier, day: vietnamDay(now), at: now.toISOString() });
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    const newDossierRefusal = retiredAgencyRefusal(
      deps.agencyRecoding,
      dossier.dossierCode,
      dossier.agencyCode,
    );
    const { message, replayed } = await acceptMessage(deps, {
      channel: 'national',
      kind: 'dossier.sync',
      ...(newDossierRefusal ? { newDossierRefusal } : {}),
      requiresExistingDossier: false,
      enforceTransitions: true,
      dossierCode: dossier.dossierCode,
      agencyCode: dossier.agencyCode,
      naturalKey: `version:${dossier.version}`,
      ...(idempotencyKey ? { idempotencyKey: `client:${c.var.caller.clientId}:${idempotencyKey}` } : {}),
      status: dossier.status,
      version: dossier.version,
      payload: dossier,
      traceId: c.var.requestId,
    });
    if (replayed) c.header('idempotent-replayed', 'true');
    c.header('location', `/v1/dossiers/${encodeURIComponent(message.dossierCode)}`);
    return c.json(acceptedBody(message), 202);
  });

  app.openapi(changeStatusRoute(deps), async (c) => {
    const { code } = c.req.valid('param');
    const change = c.req.valid('json');
    assertMayActFor(deps, c.var.caller, agencyOfDossierCode(code));
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    const { message, replayed } = await acceptMessage(deps, {
      channel: 'national',
      kind: 'dossier.status',
      dossierCode: code,
      agencyCode: agencyOfDossierCode(code),
      naturalKey: `event:${change.eventId}`,
      ...(idempotencyKey ? { idempotencyKey: `client:${c.var.caller.clientId}:${idempotencyKey}` } : {}),
      status: change.status,
      payload: change,
      traceId: c.var.requestId,
      requiresExistingDossier: true,
      enforceTransitions: true,
    });
    if (replayed) c.header('idempotent-replayed', 'true');
    return c.json(acceptedBody(message), 202);
  });

  app.openapi(getDossierRoute(deps), async (c) => {
    const { code } = c.req.valid('param');
    assertMayActFor(deps, c.var.caller, agencyOfDossierCode(code));
    const [view, payments] = await Promise.all([
      getDossierView(deps.store, code, deps.agencyNames),
      deps.payments.listDossierPayments(code),
    ]);
    return c.json({ ...view, payments: payments.map(paymentViewOf) }, 200);
  });
}
