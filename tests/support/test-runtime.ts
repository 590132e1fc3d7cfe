import { afterAll, beforeAll } from 'vitest';
import { requestToken } from '../../infra/local/demo-client';
import {
  type LocalRuntime,
  type LocalRuntimeOptions,
  startLocalRuntime,
} from '../../infra/local/start-local-runtime';
import { topology } from '../../infra/topology';

const unlimited = { burst: 1_000_000, perSecond: 1_000_000 };

/**
 * An endpoint's settings with a breaker that opens after five failures and re-probes after a
 * second, so a test sees it open and recover within its time bound.
 */
export const quickBreaker = (maxConcurrentCalls: number) => ({
  maxConcurrentCalls,
  timeoutMs: 2000,
  circuitBreaker: { failureThreshold: 5, openSeconds: 1 },
});

/** The whole local runtime on free loopback ports, in memory unless a data dir is given. */
export function startTestRuntime(
  dataDir: string | null = null,
  overrides: Partial<
    Pick<
      LocalRuntimeOptions,
      | 'endpoints'
      | 'retryPolicy'
      | 'nationalTransports'
      | 'maxReceiveCount'
      | 'security'
      | 'payments'
      | 'driftCheck'
      | 'endpointOperations'
      | 'strictAgencyNames'
    >
  > = {},
): Promise<LocalRuntime> {
  return startLocalRuntime({
    ports: {
      gateway: 0,
      nationalPortal: 0,
      province: 0,
      payment: 0,
      dynamodb: 0,
      sqs: 0,
      identityProvider: 0,
    },
    dataDir,
    // Seconds, not minutes, between retries: the suite proves order and delivery, not patience.
    retryPolicy: { baseSeconds: 1, capSeconds: 4 },
    ...overrides,
    // Every test calls from 127.0.0.1: one address's budget would be shared by the whole file.
    // Tests of the limits themselves pass their own.
    security: {
      rateLimits: {
        ...topology.security.rateLimits,
        perAddress: unlimited,
        tokenEndpointPerAddress: unlimited,
      },
      ...overrides.security,
    },
    logLevel: process.env.TEST_LOG_LEVEL ?? 'SILENT',
    schedules: false,
  });
}

export function tokenFor(
  runtime: LocalRuntime,
  clientId = 'demo-province',
  secret = 'demo-secret',
): Promise<string> {
  return requestToken(runtime.urls.gateway, clientId, secret);
}

/** Polls `probe` until it returns a value, within a bounded time; the suite never waits forever. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(
    `condition not met within ${timeoutMs} ms${lastError ? `: ${(lastError as Error).message}` : ''}`,
  );
}

/** Polls `probe` until it lists something, and answers that list (see `eventually`). */
export function eventuallySome<T>(probe: () => Promise<T[]>): Promise<T[]> {
  return eventually(async () => {
    const found = await probe();
    return found.length > 0 ? found : undefined;
  });
}

/** A JSON request to the gateway with a bearer token, as a client sends it. */
export function callGateway(
  runtime: LocalRuntime,
  token: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${runtime.urls.gateway}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/**
 * The whole local runtime for the tests of one file, started before them (with a provincial
 * client's token and an administrator's) and stopped after them. Read `runtime`, `token` and
 * `admin` inside tests and hooks; `post` sends JSON as the provincial client.
 */
export function useTestRuntime(overrides: Parameters<typeof startTestRuntime>[1] = {}) {
  const started = {
    post: (path: string, body: unknown) => callGateway(started.runtime, started.token, 'POST', path, body),
  } as {
    runtime: LocalRuntime;
    token: string;
    admin: string;
    post: (path: string, body: unknown) => Promise<Response>;
  };
  beforeAll(async () => {
    started.runtime = await startTestRuntime(null, overrides);
    started.token = await tokenFor(started.runtime);
    started.admin = await tokenFor(started.runtime, 'demo-admin', 'demo-admin-secret');
  });
  afterAll(() => started.runtime?.stop());
  return started;
}
