import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { agencyOfDossierCode } from '../../../contracts/codes';
import { inboundNationalDossierSchema, inboundProgressRowSchema } from '../../../contracts/national-portal';
import { problemSchema } from '../../../contracts/problem';
import { acceptedMessageSchema } from '../../../contracts/provincial-api';
import { acceptNationalDossier, acceptNationalStatus } from '../../application/accept-national-push';
import type { MessageSummary } from '../../core/dossier-message';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { requireAllowedAddress } from '../require-allowed-address';
import { requireSignedPush } from '../require-signed-push';
import { requireRoutePolicy } from '../route-policies';

const problem = { 'application/problem+json': { schema: problemSchema } };

const pushResponses = {
  202: {
    description: 'Stored durably; will be delivered to the owning provincial system as a signed webhook',
    content: { 'application/json': { schema: acceptedMessageSchema } },
  },
  400: { description: 'Invalid record; every field error listed', content: problem },
  401: { description: 'Missing or invalid token, or a missing, wrong or stale signature', content: problem },
  403: { description: 'Not the national portal, or not from an allowed address', content: problem },
  409: { description: 'Same key, different record; or a replayed signed request', content: problem },
  413: { description: 'Body too large', content: problem },
  415: { description: 'Not JSON', content: problem },
  422: { description: 'No provincial system owns the agency', content: problem },
} as const;

const acknowledged = (message: MessageSummary) =>
  ({
    dossierCode: message.dossierCode,
    messageId: message.messageId,
    sequence: message.sequence,
    state: 'accepted',
  }) as const;

/** The national portal's pushes: online-submitted dossiers and status changes made there. */
export function registerNationalPushRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  const allowedAddress = requireAllowedAddress(deps.nationalPushAllowList, deps.remoteAddress);
  const signedPush = requireSignedPush(deps.security.nationalPush, deps.clock);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/national/dossiers',
      tags: ['National portal push'],
      summary: 'A dossier submitted online on the national portal (DongBoHoSoMC dossier object)',
      security: [{ bearerAuth: [] }],
      middleware: [
        allowedAddress,
        requireRoutePolicy(deps.tokens, 'POST /v1/national/dossiers'),
        signedPush,
      ] as const,
      request: {
        body: { required: true, content: { 'application/json': { schema: inboundNationalDossierSchema } } },
      },
      responses: pushResponses,
    }),
    async (c) => {
      const { message } = await acceptNationalDossier(deps, c.req.valid('json'), c.var.requestId);
      return c.json(acknowledged(message), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/national/status',
      tags: ['National portal push'],
      summary: 'A status change made on the national portal (CapNhatTienDoHoSoMC progress row)',
      security: [{ bearerAuth: [] }],
      middleware: [
        allowedAddress,
        requireRoutePolicy(deps.tokens, 'POST /v1/national/status'),
        signedPush,
      ] as const,
      request: {
        body: { required: true, content: { 'application/json': { schema: inboundProgressRowSchema } } },
      },
      responses: pushResponses,
    }),
    async (c) => {
      const row = c.req.valid('json');
      const { message } = await acceptNationalStatus(
        deps,
        row,
        agencyOfDossierCode(row.MaHoSo),
        c.var.requestId,
      );
      return c.json(acknowledged(message), 202);
    },
  );
}
