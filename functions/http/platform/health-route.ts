import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { type DependencyHealth, healthSchema } from '../../../contracts/health';
import type { SystemsApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { json } from '../openapi-parts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'State of the gateway and each dependency',
  responses: {
    200: {
      description: 'Up, or degraded (the national portal is down: messages queue up)',
      content: json(healthSchema),
    },
    503: {
      description: 'Down: the store or the queue is unreachable',
      content: json(healthSchema),
    },
  },
});

const PING_TIMEOUT_MS = 2000;

async function probe(name: string, ping: () => Promise<void>): Promise<DependencyHealth> {
  const started = performance.now();
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS).unref(),
      ),
    ]);
    return { name, status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      name,
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      detail: (error as Error).message,
    };
  }
}

export function registerHealthRoute(app: OpenAPIHono<AppEnv>, deps: SystemsApiDependencies) {
  app.openapi(healthRoute, async (c) => {
    const dependencies = await Promise.all([
      probe('dynamodb', () => deps.store.ping()),
      probe(`sqs:${deps.queues.national.name}`, () => deps.queues.national.ping()),
      probe(`sqs:${deps.queues.province.name}`, () => deps.queues.province.ping()),
      probe('national-portal', () => deps.nationalPortal.ping()),
    ]);
    const essentialDown = dependencies.some(
      (dependency) => dependency.name !== 'national-portal' && dependency.status === 'down',
    );
    const anyDown = dependencies.some((dependency) => dependency.status === 'down');
    const status = essentialDown ? 'down' : anyDown ? 'degraded' : 'up';
    return c.json({ status, dependencies }, essentialDown ? 503 : 200);
  });
}
