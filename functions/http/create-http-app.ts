import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { GatewayError } from '../core/gateway-error';
import { createAdminApi } from './admin-api/create-admin-api';
import { answerErrors } from './answer-errors';
import type { ApiDependencies } from './api-dependencies';
import type { AppEnv } from './app-env';
import { CONSOLE_PATH } from './console/console-env';
import { consoleErrorPage } from './console/console-error-page';
import { createConsole } from './console/create-console';
import { limitBodySize } from './limit-body-size';
import { limitJsonBody } from './limit-json-body';
import { limitRequestRate } from './limit-request-rate';
import { limitRequestTime } from './limit-request-time';
import { createNationalEndpoints } from './national-endpoints/create-national-endpoints';
import { registerApiDocs } from './platform/api-docs';
import { createPlatformRoutes } from './platform/create-platform-routes';
import { problemResponse } from './problem-response';
import { createProvincialApi } from './provincial-api/create-provincial-api';
import { securityHeaders } from './security-headers';

const isWithin = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

/**
 * The gateway as one runtime-neutral app (Request in, Response out, on Lambda and on Node
 * alike): the checks every request passes at the edge, in order (SECURITY.md, trust boundary
 * 1), then each part of the gateway mounted as its own app. Every error is answered in one
 * place: as a page on the console's paths, as problem+json everywhere else.
 */
export function createHttpApp(deps: ApiDependencies) {
  const app = new OpenAPIHono<AppEnv>();

  app.use(requestId({ headerName: 'x-request-id' }));
  app.use(...securityHeaders());
  app.use(
    limitRequestRate(deps.security.rateLimiter, deps.security.perAddress, 'address', deps.remoteAddress),
  );
  app.use(limitRequestTime(deps.security.requestTimeoutMs));
  app.use(limitBodySize(deps.maxBodyBytes));
  app.use(limitJsonBody(deps.security.json));

  app.route('/', createPlatformRoutes(deps));
  app.route('/', createProvincialApi(deps));
  app.route('/', createNationalEndpoints(deps));
  app.route('/', createAdminApi(deps));
  app.route(CONSOLE_PATH, createConsole(deps));
  registerApiDocs(app, deps);

  app.notFound((c) =>
    problemResponse(
      c,
      new GatewayError('route.notFound', `Không có đường dẫn ${c.req.method} ${c.req.path} / No such route`),
    ),
  );
  app.onError(
    answerErrors(deps.logger, (c, error) =>
      isWithin(c.req.path, CONSOLE_PATH) ? consoleErrorPage(c, error) : problemResponse(c, error),
    ),
  );
  return app;
}
