import { describe, expect, it } from 'vitest';
import { createHttpApp } from '../../../functions/http';
import type { LocalRuntime } from '../../../infra/local/start-local-runtime';
import { topology } from '../../../infra/topology';
import { aDossier } from '../../support/fixtures';
import { useTestRuntime } from '../../support/test-runtime';

const TOKEN_REFILL_SECONDS = 200;

const started = useTestRuntime({
  security: {
    rateLimits: {
      perClient: { burst: 3, perSecond: 0.1 },
      perAddress: { burst: 1000, perSecond: 1000 },
      // A token every 200 s: none comes back while the file runs, however slow the machine.
      tokenEndpointPerAddress: { burst: 3, perSecond: 1 / TOKEN_REFILL_SECONDS },
    },
  },
});

const problemOf = async (response: Response) => {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return (await response.json()) as { code: string; status: number; detail: string };
};

describe('per-client rate limit', () => {
  it('answers 429 problem+json with Retry-After once a client’s burst is spent, and only for that client', async () => {
    const get = (token: string) =>
      fetch(`${started.runtime.urls.gateway}/v1/dossiers/000.00.12.H12-250314-0001`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const statuses = [];
    for (let request = 0; request < 4; request += 1) statuses.push((await get(started.token)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const refused = await get(started.token);
    expect(refused.status).toBe(429);
    // One token every ten seconds: the wait is at most ten.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(10);
    expect(await problemOf(refused)).toMatchObject({ code: 'request.rateLimited', status: 429 });
    expect((await get(started.admin)).status).toBe(404);
  });
});

describe('token endpoint limit per address', () => {
  it('refuses token requests beyond the burst, since each costs a scrypt', async () => {
    // Starting took two tokens (the provincial and the administrator's): one more fits in the burst of three.
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let request = 0; request < 2; request += 1) {
      last = await fetch(`${started.runtime.urls.gateway}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=nobody&client_secret=guess',
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 429]);
    // The wait is at most one refill.
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(last?.headers.get('retry-after'))).toBeLessThanOrEqual(TOKEN_REFILL_SECONDS);
  });

  it('shares the budget with the console’s sign-in, whose refusal is a page with Retry-After', async () => {
    // The identity provider's answer is redeemed with the console's client secret.
    const response = await fetch(`${started.runtime.urls.gateway}/admin/callback?code=guess&state=guess`);
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(TOKEN_REFILL_SECONDS);
  });
});

describe('limits applied by the app to every request', () => {
  // The app over the runtime's real dependencies, with the caller's address taken from a test header.
  const appWith = (
    security: Partial<LocalRuntime['deps']['security']>,
    deps: Partial<LocalRuntime['deps']> = {},
  ) =>
    createHttpApp({
      ...started.runtime.deps,
      ...deps,
      security: { ...started.runtime.deps.security, ...security },
      remoteAddress: (c) => c.req.header('x-test-address'),
    });

  it('limits each address separately, before authentication', async () => {
    const app = appWith({ perAddress: { burst: 2, perSecond: 0.01 } });
    const from = (address: string) => app.request('/health', { headers: { 'x-test-address': address } });
    expect([(await from('203.0.113.7')).status, (await from('203.0.113.7')).status]).toEqual([200, 200]);
    const refused = await from('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(await problemOf(refused)).toMatchObject({ code: 'request.rateLimited' });
    expect((await from('203.0.113.8')).status).toBe(200);
  });

  it('answers every 429 with Retry-After: problem+json on the API, a page on the console', async () => {
    const app = appWith({ perAddress: { burst: 1, perSecond: 0.01 } });
    const from = (path: string) => app.request(path, { headers: { 'x-test-address': '203.0.113.11' } });
    expect((await from('/health')).status).toBe(200);
    const api = await from('/health');
    const page = await from('/admin/login');
    for (const refused of [api, page]) {
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('answers 504 problem+json when a request outlives the timeout, and stays healthy', async () => {
    const hanging = { ...started.runtime.deps.store, ping: () => new Promise<void>(() => undefined) };
    const app = appWith({ requestTimeoutMs: 200 }, { store: hanging });
    // The store's ping never answers: only the timeout can end this request.
    const response = await app.request('/health', { headers: { 'x-test-address': '203.0.113.9' } });
    expect(response.status).toBe(504);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await problemOf(response)).toMatchObject({ code: 'request.timeout' });
    expect((await fetch(`${started.runtime.urls.gateway}/health`)).status).toBe(200);
  });

  it('keeps the request timeout below the API function’s own timeout', () => {
    const api = topology.functions.find((fn) => fn.name === 'api');
    expect(topology.security.requestTimeoutMs).toBeLessThan((api?.timeoutSeconds ?? 0) * 1000);
  });

  it('refuses a body over the size limit before reading it as JSON', async () => {
    const app = appWith({});
    const response = await app.request('/v1/dossiers', {
      method: 'POST',
      headers: {
        'x-test-address': '203.0.113.10',
        authorization: `Bearer ${started.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ ...aDossier(), note: 'x'.repeat(started.runtime.deps.maxBodyBytes) }),
    });
    expect(response.status).toBe(413);
    expect(await problemOf(response)).toMatchObject({ code: 'request.tooLarge' });
  });
});
