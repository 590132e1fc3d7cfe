import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  feeLookupCodes,
  feeLookupReplySchema,
  feeLookupRequestSchema,
} from '../../../contracts/national-fee-lookup';
import { lookUpPayableFees } from '../../application/look-up-payable-fees';
import type { SystemsApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, json, problems, tokenRefusals } from '../openapi-parts';
import { requireAllowedAddress } from '../require-allowed-address';
import { bearerRoute } from '../route-policies';

/** The national portal asks what a dossier must pay (DOMAIN.md): answered in its own envelope. */
export function registerNationalFeeRoute(app: OpenAPIHono<AppEnv>, deps: SystemsApiDependencies) {
  app.openapi(
    bearerRoute(
      deps.tokens,
      {
        method: 'post',
        path: '/v1/national/fees',
        tags: ['National portal push'],
        summary:
          'What a dossier must pay (error_code -1 not found, 0 nothing to pay, 1 payable with the fee lines)',
        request: {
          body: { required: true, content: json(feeLookupRequestSchema) },
        },
        responses: {
          200: { description: 'The answer', content: json(feeLookupReplySchema) },
          ...problems({
            ...tokenRefusals,
            ...bodyRefusals,
            403: 'Not the national portal, or not from an allowed address',
          }),
        },
      },
      { before: [requireAllowedAddress(deps.nationalPushAllowList, deps.remoteAddress)] },
    ),
    async (c) => c.json(await lookUpPayableFees(deps, c.req.valid('json').MaHoSo), 200),
    // The portal reads error_code, not problem details: a malformed MaHoSo is "not found".
    (result, c) => {
      if (!result.success) {
        return c.json({ error_code: feeLookupCodes.error, message: 'Mã hồ sơ không hợp lệ' }, 200);
      }
    },
  );
}
