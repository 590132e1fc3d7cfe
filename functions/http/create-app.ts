import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { GatewayError, isGatewayError } from '../core/gateway-error';
import type { ApiDependencies } from './api-dependencies';
import { consoleErrorPage, registerConsole } from './console/register-console';
import { limitJsonBody } from './limit-json-body';
import { limitRequestRate } from './limit-request-rate';
import { limitRequestTime } from './limit-request-time';
import { invalidRequest, problemResponse, statusOf } from './problem-response';
import type { AuthVariables } from './require-scope';
import { registerAdminApiRoutes } from './routes/admin-api';
import { registerAgencyCodeRoutes } from './routes/agency-codes';
import { registerApiDocs } from './routes/api-docs';
import { registerDossierRoutes } from './routes/dossiers';
import { registerDriftCheckRoutes } from './routes/drift-check';
import { registerHealthRoute } from './routes/health';
import { registerJwksRoute } from './routes/jwks';
import { registerNationalFeeRoute } from './routes/national-fees';
import { registerNationalPushRoutes } from './routes/national-push';
import { registerTokenRoute } from './routes/oauth-token';
import { registerPaymentCallbackRoute } from './routes/payment-callback';
import { registerPaymentRoutes } from './routes/payments';
import { registerReconciliationRoutes } from './routes/reconciliation';
import { securityHeaders } from './security-headers';

export type AppEnv = { Variables: AuthVariables & { requestId: string } };

/** The runtime-neutral gateway API: Request in, Response out, on Lambda and on Node alike. */
export function createApp(deps: ApiDependencies) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw invalidRequest(result.error, result.target === 'json' ? 'request body' : result.target);
    },
  });

  app.use(requestId({ headerName: 'x-request-id' }));
  app.use(...securityHeaders());
  app.use(
    limitRequestRate(deps.security.rateLimiter, deps.security.perAddress, 'address', deps.remoteAddress),
  );
  // Each credential check costs a 32 MiB scrypt: the token endpoint and the console's sign-in
  // share a tighter budget per address.
  const credentialChecks = limitRequestRate(
    deps.security.rateLimiter,
    deps.security.tokenEndpointPerAddress,
    'credentials-address',
    deps.remoteAddress,
    'POST',
  );
  app.use('/oauth/token', credentialChecks);
  app.use('/admin/login', credentialChecks);
  app.use(limitRequestTime(deps.security.requestTimeoutMs));
  app.use(
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new GatewayError(
          'request.tooLarge',
          `Nội dung vượt quá ${deps.maxBodyBytes} byte / The body exceeds the ${deps.maxBodyBytes}-byte limit`,
        );
      },
    }),
  );

  app.use(limitJsonBody(deps.security.json));

  registerHealthRoute(app, deps);
  registerJwksRoute(app, deps);
  registerTokenRoute(app, deps);
  registerDossierRoutes(app, deps);
  registerNationalPushRoutes(app, deps);
  registerPaymentRoutes(app, deps);
  registerPaymentCallbackRoute(app, deps);
  registerNationalFeeRoute(app, deps);
  registerReconciliationRoutes(app, deps);
  registerAdminApiRoutes(app, deps);
  registerAgencyCodeRoutes(app, deps);
  registerDriftCheckRoutes(app, deps);
  registerConsole(app, deps);
  registerApiDocs(app, deps);

  app.notFound((c) =>
    problemResponse(
      c,
      new GatewayError('route.notFound', `Không có đường dẫn ${c.req.method} ${c.req.path} / No such route`),
    ),
  );

  app.onError((failure, c) => {
    // hono's csrf middleware refuses a cross-site form with its own HTTPException.
    const error =
      failure instanceof HTTPException && failure.status === 403
        ? new GatewayError('auth.forbidden', 'Yêu cầu từ nơi khác bị chặn / Cross-site request refused', {
            cause: failure,
          })
        : failure;
    if (isGatewayError(error) && c.req.path.startsWith('/admin') && !c.req.path.startsWith('/admin/assets')) {
      return consoleErrorPage(c, error, statusOf(error.code));
    }
    if (isGatewayError(error)) {
      if (
        error.code === 'dependency.unavailable' ||
        error.code.startsWith('national.') ||
        error.code.startsWith('payment.platform')
      ) {
        deps.logger.error('request failed on a dependency', {
          path: c.req.path,
          code: error.code,
          error: error.message,
        });
      }
      return problemResponse(c, error);
    }
    if (error instanceof HTTPException) {
      if (error.status === 415) {
        return problemResponse(
          c,
          new GatewayError(
            'request.unsupportedMediaType',
            'Chỉ nhận application/json / Send Content-Type: application/json',
          ),
        );
      }
      if (error.status === 400) {
        return problemResponse(
          c,
          new GatewayError(
            'request.invalid',
            'Nội dung không phải JSON hợp lệ / The body is not valid JSON',
            {
              fieldErrors: [{ path: '$', message: `JSON không hợp lệ / ${error.message}` }],
            },
          ),
        );
      }
    }
    deps.logger.error('unhandled error', {
      path: c.req.path,
      error: (error as Error).message,
      stack: (error as Error).stack,
    });
    return problemResponse(
      c,
      new GatewayError(
        'dependency.unavailable',
        'Lỗi hệ thống, vui lòng thử lại / Internal error; retry later',
        {
          retryAfterSeconds: 5,
        },
      ),
    );
  });

  return app;
}

export type GatewayApp = ReturnType<typeof createApp>;
