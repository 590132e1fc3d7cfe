import type { OpenAPIHono } from '@hono/zod-openapi';
import type { SystemsApiDependencies } from './api-dependencies';
import type { AppEnv } from './app-env';
import { createEdgeApp } from './create-edge-app';
import { createNationalEndpoints } from './national-endpoints/create-national-endpoints';
import { createPlatformRoutes } from './platform/create-platform-routes';
import { createProvincialApi } from './provincial-api/create-provincial-api';

/** What systems call: the provincial API, the national endpoints, tokens and health. */
export function mountSystemsApi(app: OpenAPIHono<AppEnv>, deps: SystemsApiDependencies) {
  app.route('/', createPlatformRoutes(deps));
  app.route('/', createProvincialApi(deps));
  app.route('/', createNationalEndpoints(deps));
}

/**
 * The API function's app: what systems call, and nothing operators use. The console, the admin
 * API and the API reference are the console function's (createHttpApp; ADR 17), so that a
 * province's calls do not wait for their code at a cold start.
 */
export function createApiApp(deps: SystemsApiDependencies) {
  return createEdgeApp(deps, (app) => mountSystemsApi(app, deps));
}
