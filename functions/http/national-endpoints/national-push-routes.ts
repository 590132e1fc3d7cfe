import type { OpenAPIHono, z } from '@hono/zod-openapi';
import { agencyOfDossierCode } from '../../../contracts/codes';
import { feedbackPushAcceptedSchema } from '../../../contracts/feedback';
import { inboundFeedbackRowSchema, inboundRatingRowSchema } from '../../../contracts/national-feedback';
import { inboundNationalDossierSchema, inboundProgressRowSchema } from '../../../contracts/national-portal';
import { acceptedMessageSchema } from '../../../contracts/provincial-api';
import { acceptNationalDossier, acceptNationalStatus } from '../../application/accept-national-push';
import { receiveFeedback, receiveRating } from '../../application/receive-feedback';
import type { MessageSummary } from '../../core/dossier-message';
import { fromNationalFeedbackRow, fromNationalRatingRow } from '../../core/translate-national-feedback';
import type { SystemsApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, json, problems } from '../openapi-parts';
import { requireAllowedAddress } from '../require-allowed-address';
import { requireSignedPush } from '../require-signed-push';
import { bearerRoute } from '../route-policies';

const pushResponses = {
  202: {
    description: 'Stored durably; will be delivered to the owning provincial system as a signed webhook',
    content: json(acceptedMessageSchema),
  },
  ...problems({
    ...bodyRefusals,
    400: 'Invalid record; every field error listed',
    401: 'Missing or invalid token, or a missing, wrong or stale signature',
    403: 'Not the national portal, or not from an allowed address',
    409: 'Same key, different record; or a replayed signed request',
    422: 'No provincial system owns the agency',
  }),
} as const;

const feedbackPushResponses = {
  ...pushResponses,
  202: {
    description: 'Stored durably; will be delivered once to the owning provincial system as a signed webhook',
    content: json(feedbackPushAcceptedSchema),
  },
} as const;

const acknowledged = (message: MessageSummary) =>
  ({
    dossierCode: message.dossierCode,
    messageId: message.messageId,
    sequence: message.sequence,
    state: 'accepted',
  }) as const;

/** A feedback item or rating taken in: its id and the message that carries it to the province. */
const feedbackAcknowledged = (id: string, message: { readonly messageId: string }) =>
  ({ id, messageId: message.messageId, state: 'accepted' }) as const;

/** The national portal's pushes: online-submitted dossiers and status changes made there. */
export function registerNationalPushRoutes(app: OpenAPIHono<AppEnv>, deps: SystemsApiDependencies) {
  const allowedAddress = requireAllowedAddress(deps.nationalPushAllowList, deps.remoteAddress);
  const signedPush = requireSignedPush(deps.security.nationalPush, deps.clock);

  /** A push route: the address allow-list before the token, the body signature after it. */
  const pushRoute = <const Path extends string, Schema extends z.ZodType>(
    path: Path,
    summary: string,
    schema: Schema,
    responses: typeof pushResponses | typeof feedbackPushResponses = pushResponses,
  ) =>
    bearerRoute(
      deps.tokens,
      {
        method: 'post',
        path,
        tags: ['National portal push'],
        summary,
        request: { body: { required: true, content: json(schema) } },
        responses,
      },
      { before: [allowedAddress], after: [signedPush] },
    );

  app.openapi(
    pushRoute(
      '/v1/national/dossiers',
      'A dossier submitted online on the national portal (DongBoHoSoMC dossier object)',
      inboundNationalDossierSchema,
    ),
    async (c) => {
      const { message } = await acceptNationalDossier(deps, c.req.valid('json'), c.var.requestId);
      return c.json(acknowledged(message), 202);
    },
  );

  app.openapi(
    pushRoute(
      '/v1/national/status',
      'A status change made on the national portal (CapNhatTienDoHoSoMC progress row)',
      inboundProgressRowSchema,
    ),
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

  // Citizen feedback (issue 23): the rows LayDanhSachHoiDapGuiTuDVCQG lists, pushed one at a time.
  app.openapi(
    pushRoute(
      '/v1/national/feedback',
      'A citizen’s feedback (PAKN) for a province’s agency (a LayDanhSachHoiDapGuiTuDVCQG row)',
      inboundFeedbackRowSchema,
      feedbackPushResponses,
    ),
    async (c) => {
      const item = fromNationalFeedbackRow(c.req.valid('json'));
      const { message } = await receiveFeedback(deps, item, c.var.requestId);
      return c.json(feedbackAcknowledged(item.feedbackId, message), 202);
    },
  );

  app.openapi(
    pushRoute(
      '/v1/national/ratings',
      'A citizen’s rating of a feedback answer or of a dossier’s handling [inferred row]',
      inboundRatingRowSchema,
      feedbackPushResponses,
    ),
    async (c) => {
      const rating = fromNationalRatingRow(c.req.valid('json'));
      const { message } = await receiveRating(deps, rating, c.var.requestId);
      return c.json(feedbackAcknowledged(rating.ratingId, message), 202);
    },
  );
}
