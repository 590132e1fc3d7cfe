import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';
import { invalidRequest } from './problem-response';

/**
 * A part of the gateway (the provincial API, the national endpoints, the admin API, the
 * console…) as its own app, mounted by the entry point (create-http-app.ts). Every part
 * refuses invalid input the same way: a 400 listing each field by path.
 */
export function createSubApp<Env extends AppEnv = AppEnv>() {
  return new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success)
        throw invalidRequest(result.error, result.target === 'json' ? 'request body' : result.target);
    },
  });
}

/** One file's routes (`registerDossierRoutes`…), registered on a part with the dependencies they use. */
export type RouteGroup<Deps> = (app: OpenAPIHono<AppEnv>, deps: Deps) => void;

/** A part made of route groups, registered in this order. */
export function subAppOf<Deps>(deps: Deps, groups: readonly RouteGroup<Deps>[]) {
  const app = createSubApp();
  for (const register of groups) register(app, deps);
  return app;
}
