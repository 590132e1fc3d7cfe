import { describe, expect, it } from 'vitest';
import { createApiApp } from '../../../functions/http/create-api-app';
import { createHttpApp } from '../../../functions/http/create-http-app';
import { topology } from '../../../infra/topology';
import { useTestRuntime } from '../../support/test-runtime';

const started = useTestRuntime();

/** Each HTTP function's app on the runtime's dependencies, as its Lambda entry builds it. */
const appOf = (name: string) => {
  const deps = { ...started.runtime.deps, remoteAddress: () => '127.0.0.1' };
  if (name === 'api') return createApiApp(deps);
  if (name === 'console') return createHttpApp(deps);
  throw new Error(`no HTTP app for function ${name}`);
};

/** A request path each route matches: an admin API route, a page of the console, the reference's script, the health probe. */
const sampleOf = (path: string) =>
  path
    .replace('/v1/admin/{proxy+}', '/v1/admin/queues')
    .replace('/admin/{proxy+}', '/admin/login')
    .replace('/docs/{proxy+}', '/docs/api-reference.js')
    .replace('/{proxy+}', '/health');

describe('the HTTP functions the topology routes to (ADR 17)', () => {
  it.each(topology.routes)('serves $method $path from the $function function', async (route) => {
    const response = await appOf(route.function).request(sampleOf(route.path), {
      method: route.method === 'ANY' ? 'GET' : route.method,
    });
    // The admin API's routes answer 401 without a token: what counts is that the route is there.
    if (route.path.startsWith('/v1/admin/')) expect(response.status, await response.clone().text()).toBe(401);
    else expect(response.status, await response.clone().text()).toBeLessThan(400);
  });

  it('leaves the console, the admin API and the API reference out of the API function', async () => {
    const pages = topology.routes.filter((route) => route.function !== 'api');
    expect(pages.length).toBeGreaterThan(0);
    for (const route of pages) {
      const response = await appOf('api').request(sampleOf(route.path), {
        method: route.method === 'ANY' ? 'GET' : route.method,
      });
      expect(response.status, route.path).toBe(404);
      expect(response.headers.get('content-type'), route.path).toContain('application/problem+json');
    }
  });

  it('documents in /openapi.json the routes the API function serves', async () => {
    const document = (await (await appOf('console').request('/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/dossiers', '/oauth/token', '/v1/admin/queues']),
    );
  });
});
