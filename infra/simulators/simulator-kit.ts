import type { HttpBindings } from '@hono/node-server';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import * as z from 'zod';

/**
 * What every simulator shares (DESIGN.md, public contract): the record of accepted business
 * requests at GET /_sim/received, fault injection at POST /_sim/faults, and POST /_sim/reset.
 */
export const faultsSchema = z.strictObject({
  down: z.boolean().optional(),
  failRate: z.number().min(0).max(1).optional(),
  failStatus: z.number().int().min(400).max(599).optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  /** Share of requests held open for `hangMs` and then dropped unanswered and unprocessed: a client's timeout. */
  hangRate: z.number().min(0).max(1).optional(),
  hangMs: z.number().int().min(0).max(120_000).optional(),
  /**
   * Share of requests carried out and then never answered (held for `hangMs`, then dropped): the
   * caller times out not knowing that its request took effect.
   */
  answerLostRate: z.number().min(0).max(1).optional(),
  reject: z.boolean().optional(),
});

export type Faults = z.infer<typeof faultsSchema>;

export interface ReceivedRequest {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  /** Carried out, but its answer was lost (the `answerLostRate` fault): the caller could not know. */
  readonly answerLost?: boolean;
}

export type SimulatorEnv = { Bindings: HttpBindings };

export interface SimulatorKit {
  readonly app: Hono<SimulatorEnv>;
  readonly received: ReceivedRequest[];
  faults(): Faults;
  /** Applies down / latency / failRate to a business route; `reject` is the route's own answer. */
  readonly withFaults: MiddlewareHandler<SimulatorEnv>;
  /** Keeps an accepted business request: method, path, headers and the body as the route read it. */
  record(c: Context<SimulatorEnv>, body: unknown): void;
}

export function createSimulatorKit(
  options: { random?: () => number; onReset?: () => void } = {},
): SimulatorKit {
  const random = options.random ?? Math.random;
  const received: ReceivedRequest[] = [];
  const answersToLose = new WeakSet<Request>();
  let faults: Faults = {};
  const app = new Hono<SimulatorEnv>();

  app.get('/_sim/received', (c) => c.json(received));
  app.post('/_sim/faults', async (c) => {
    const parsed = faultsSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'invalid faults', issues: parsed.error.issues }, 400);
    faults = parsed.data;
    return c.json(faults);
  });
  app.post('/_sim/reset', (c) => {
    received.length = 0;
    faults = {};
    options.onReset?.();
    return c.json({ reset: true });
  });

  const withFaults: MiddlewareHandler<SimulatorEnv> = async (c, next) => {
    if (faults.down) {
      // A dead host resets the connection; it does not answer HTTP.
      c.env.incoming.socket.destroy();
      return c.body(null, 503);
    }
    if (faults.hangRate && random() < faults.hangRate) {
      await new Promise((resolve) => setTimeout(resolve, faults.hangMs ?? 15_000));
      c.env.incoming.socket.destroy();
      return c.body(null, 504);
    }
    if (faults.answerLostRate && random() < faults.answerLostRate) {
      answersToLose.add(c.req.raw);
      await next();
      await new Promise((resolve) => setTimeout(resolve, faults.hangMs ?? 15_000));
      c.env.incoming.socket.destroy();
      return;
    }
    if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.failRate && random() < faults.failRate) {
      const status = faults.failStatus ?? 500;
      if (status === 429 || status === 503) c.header('retry-after', '1');
      return c.json({ error_code: String(status), message: 'simulated failure' }, status as 500);
    }
    await next();
  };

  return {
    app,
    received,
    faults: () => faults,
    withFaults,
    record(c, body) {
      received.push({
        at: new Date().toISOString(),
        method: c.req.method,
        path: c.req.path,
        headers: Object.fromEntries(c.req.raw.headers),
        body,
        ...(answersToLose.has(c.req.raw) ? { answerLost: true } : {}),
      });
    },
  };
}
