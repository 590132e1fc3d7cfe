import type { OpenAPIHono } from '@hono/zod-openapi';
import { createAdminApi } from './admin-api/create-admin-api';
import type { ApiDependencies } from './api-dependencies';
import type { AppEnv } from './app-env';
import { createEdgeApp } from './create-edge-app';
import { createNationalEndpoints } from './national-endpoints/create-national-endpoints';
import { createPlatformRoutes } from './platform/create-platform-routes';
import { createProvincialApi } from './provincial-api/create-provincial-api';

/** The API's parts: what systems call (provincial and national), tokens, health, the admin API. */
export function mountApi(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.route('/', createPlatformRoutes(deps));
  app.route('/', createProvincialApi(deps));
  app.route('/', createNationalEndpoints(deps));
  app.route('/', createAdminApi(deps));
}

/**
 * The API function's app: the API and nothing people open in a browser. The console and the
 * API reference are the console function's (createHttpApp; ADR 17), so that the calls systems
 * make do not wait for their code at a cold start.
 */
export function createApiApp(deps: ApiDependencies) {
  return createEdgeApp(deps, (app) => mountApi(app, deps));
}
