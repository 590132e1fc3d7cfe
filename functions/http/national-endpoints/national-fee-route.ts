import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  feeLookupCodes,
  feeLookupReplySchema,
  feeLookupRequestSchema,
} from '../../../contracts/national-fee-lookup';
import { problemSchema } from '../../../contracts/problem';
import { lookUpPayableFees } from '../../application/look-up-payable-fees';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { requireAllowedAddress } from '../require-allowed-address';
import { requireScope } from '../require-scope';

const problem = { 'application/problem+json': { schema: problemSchema } };

/** The national portal asks what a dossier must pay (DOMAIN.md): answered in its own envelope. */
export function registerNationalFeeRoute(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/national/fees',
      tags: ['National portal push'],
      summary:
        'What a dossier must pay (error_code -1 not found, 0 nothing to pay, 1 payable with the fee lines)',
      security: [{ bearerAuth: [] }],
      middleware: [
        requireAllowedAddress(deps.nationalPushAllowList, deps.remoteAddress),
        requireScope(deps.tokens, 'national:push'),
      ] as const,
      request: {
        body: { required: true, content: { 'application/json': { schema: feeLookupRequestSchema } } },
      },
      responses: {
        200: { description: 'The answer', content: { 'application/json': { schema: feeLookupReplySchema } } },
        401: { description: 'Missing or invalid token', content: problem },
        403: { description: 'Not the national portal, or not from an allowed address', content: problem },
        413: { description: 'Body too large', content: problem },
        415: { description: 'Not JSON', content: problem },
      },
    }),
    async (c) => c.json(await lookUpPayableFees(deps, c.req.valid('json').MaHoSo), 200),
    // The portal reads error_code, not problem details: a malformed MaHoSo is "not found".
    (result, c) => {
      if (!result.success) {
        return c.json({ error_code: feeLookupCodes.error, message: 'Mã hồ sơ không hợp lệ' }, 200);
      }
    },
  );
}
