import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requestId } from 'hono/request-id';
import { GatewayError } from '../core/gateway-error';
import { answerErrors, type ErrorRenderer } from './answer-errors';
import type { SystemsApiDependencies } from './api-dependencies';
import type { AppEnv } from './app-env';
import { limitBodySize } from './limit-body-size';
import { limitJsonBody } from './limit-json-body';
import { limitRequestRate } from './limit-request-rate';
import { limitRequestTime } from './limit-request-time';
import { problemResponse } from './problem-response';
import { securityHeaders } from './security-headers';

/** Errors on these paths are answered as a page for people, not as problem+json. */
export interface ErrorPages {
  readonly path: string;
  readonly render: ErrorRenderer;
}

const isWithin = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

/**
 * What every entry point's app is (Request in, Response out, on Lambda and on Node alike): the
 * checks every request passes at the edge, in order (SECURITY.md, trust boundary 1), then the
 * parts `mount` adds, each its own app. Every error is answered in one place: as problem+json,
 * or as a page under `pages.path`.
 */
export function createEdgeApp(
  deps: SystemsApiDependencies,
  mount: (app: OpenAPIHono<AppEnv>) => void,
  pages?: ErrorPages,
) {
  const app = new OpenAPIHono<AppEnv>();

  app.use(requestId({ headerName: 'x-request-id' }));
  app.use(...securityHeaders());
  app.use(
    limitRequestRate(deps.security.rateLimiter, deps.security.perAddress, 'address', deps.remoteAddress),
  );
  app.use(limitRequestTime(deps.security.requestTimeoutMs));
  app.use(limitBodySize(deps.maxBodyBytes));
  app.use(limitJsonBody(deps.security.json));

  mount(app);

  app.notFound((c) =>
    problemResponse(
      c,
      new GatewayError('route.notFound', `Không có đường dẫn ${c.req.method} ${c.req.path} / No such route`),
    ),
  );
  app.onError(
    answerErrors(deps.logger, (c: Context, error) =>
      pages && isWithin(c.req.path, pages.path) ? pages.render(c, error) : problemResponse(c, error),
    ),
  );
  return app;
}
