import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { jwksSchema } from '../../../contracts/oauth';
import type { SystemsApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { json } from '../openapi-parts';

const jwksRoute = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  tags: ['Authentication'],
  summary: 'Public keys that verify the gateway’s access tokens (by kid; two during a key roll)',
  responses: {
    200: {
      description: 'The key set; the signing key first',
      content: json(jwksSchema),
    },
  },
});

export function registerJwksRoute(app: OpenAPIHono<AppEnv>, deps: SystemsApiDependencies) {
  app.openapi(jwksRoute, (c) => {
    // Short enough that a newly added key is seen well before it starts signing.
    c.header('cache-control', 'public, max-age=300');
    const { keys } = deps.tokens.jwks();
    return c.json({ keys: [...keys] }, 200);
  });
}
