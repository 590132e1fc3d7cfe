import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { type Scope, scopeSchema, tokenRequestSchema, tokenResponseSchema } from '../../../contracts/oauth';
import { authenticateClient } from '../../application/authenticate-client';
import { GatewayError } from '../../core/gateway-error';
import type { SystemsApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { limitCredentialChecks } from '../limit-credential-checks';
import { json, problems } from '../openapi-parts';

const tokenRoute = (deps: SystemsApiDependencies) =>
  createRoute({
    method: 'post',
    path: '/oauth/token',
    tags: ['Authentication'],
    summary: 'Get an access token (OAuth 2.0 client credentials)',
    middleware: [limitCredentialChecks(deps)] as const,
    request: {
      body: {
        content: {
          'application/x-www-form-urlencoded': { schema: tokenRequestSchema },
          'application/json': { schema: tokenRequestSchema },
        },
      },
    },
    responses: {
      200: {
        description: 'A short-lived bearer token',
        content: json(tokenResponseSchema),
      },
      ...problems({
        400: 'Malformed request or scope not granted',
        401: 'Unknown client or wrong secret',
        413: 'Body too large',
        415: 'Neither a form nor JSON',
        429: 'Too many token requests from this address; see Retry-After',
      }),
    },
  });

export function registerTokenRoute(app: OpenAPIHono<AppEnv>, deps: SystemsApiDependencies) {
  app.openapi(tokenRoute(deps), async (c) => {
    const isForm = /x-www-form-urlencoded/i.test(c.req.header('content-type') ?? '');
    const request = isForm ? c.req.valid('form') : c.req.valid('json');
    if (!request.client_id) {
      throw new GatewayError(
        'request.invalid',
        'Thiếu nội dung yêu cầu / Send grant_type, client_id and client_secret',
        {
          fieldErrors: [{ path: '$.client_id', message: 'Trường bắt buộc / Required field is missing' }],
          details: { error: 'invalid_request', error_description: 'missing client credentials' },
        },
      );
    }
    const client = await authenticateClient(
      deps.clients,
      request.client_id,
      request.client_secret,
      deps.clock,
    );

    const requested = request.scope ? request.scope.split(/\s+/).filter(Boolean) : [...client.scopes];
    const notGranted = requested.filter(
      (scope) => !scopeSchema.safeParse(scope).success || !client.scopes.includes(scope as Scope),
    );
    if (notGranted.length) {
      throw new GatewayError(
        'request.invalid',
        `Phạm vi không được cấp / Scope not granted: ${notGranted.join(' ')}`,
        {
          fieldErrors: [{ path: '$.scope', message: `not granted to this client: ${notGranted.join(' ')}` }],
          details: { error: 'invalid_scope', error_description: 'requested scope is not granted' },
        },
      );
    }
    const scopes = requested as Scope[];
    const accessToken = await deps.tokens.issue({
      clientId: client.clientId,
      scopes,
      agencies: client.agencies,
    });
    deps.logger.info('token issued', { clientId: client.clientId, scopes });
    c.header('cache-control', 'no-store');
    return c.json(
      {
        access_token: accessToken,
        token_type: 'Bearer' as const,
        expires_in: deps.tokens.lifetimeSeconds,
        scope: scopes.join(' '),
      },
      200,
    );
  });
}
