import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashClientSecret } from '../../../functions/core/client-secret';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { signedPushHeaders } from '../../../infra/local/demo-client';
import type { LocalRuntime } from '../../../infra/local/start-local-runtime';
import { aDossier } from '../../support/fixtures';
import { eventually, startTestRuntime, tokenFor } from '../../support/test-runtime';

let runtime: LocalRuntime;
let nationalToken: string;
beforeAll(async () => {
  // A one-second client status cache, so revocation is observable without waiting 30 s.
  runtime = await startTestRuntime(null, { security: { clientStatusMaxAgeSeconds: 1 } });
  nationalToken = await tokenFor(runtime, 'demo-national', 'demo-national-password');
});
afterAll(() => runtime.stop());

const gateway = (path: string, init?: RequestInit) => fetch(`${runtime.urls.gateway}${path}`, init);

describe('security headers', () => {
  it.each([
    ['a JSON answer', '/health', undefined],
    ['a 401 problem', '/v1/dossiers/000.00.12.H12-250314-0001', undefined],
    ['a 404 problem', '/nothing-here', undefined],
    [
      'a 400 problem',
      '/oauth/token',
      { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } },
    ],
  ] as const)('are on %s', async (_name, path, init) => {
    const response = await gateway(path, init);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });

  it.each(['/admin/login', '/admin/assets/console.css', '/admin'])(
    'forbid framing the console page %s, as SECURITY.md says',
    async (path) => {
      const response = await gateway(path, { redirect: 'manual' });
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    },
  );

  it('does not take a request id that could forge log lines', async () => {
    const response = await gateway('/health', { headers: { 'x-request-id': 'abc"}\t{"level":"ERROR' } });
    expect(response.headers.get('x-request-id')).not.toContain('"');
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('publishes the public signing keys only, cacheable, and they verify the tokens the gateway issues', async () => {
    const response = await gateway('/.well-known/jwks.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key).not.toHaveProperty('d');
      expect(key).toMatchObject({
        kty: 'EC',
        crv: 'P-256',
        alg: 'ES256',
        use: 'sig',
        kid: expect.any(String),
      });
    }
    // A third party verifies a token with nothing but the published set.
    const token = await tokenFor(runtime);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks as never), {
      audience: 'lien-thong-gateway',
      algorithms: ['ES256'],
    });
    expect(payload.sub).toBe('demo-province');
    expect(jwks.keys.map((key) => key.kid)).toContain(protectedHeader.kid);
  });
});

describe('a disabled client', () => {
  it('is refused at the token endpoint at once and on every route within the cache bound, until re-enabled', async () => {
    const client = {
      clientId: 'revocable-h12',
      secretHash: await hashClientSecret('revocable-secret'),
      scopes: ['dossiers:write' as const],
      agencies: ['*.H12'],
    };
    await runtime.deps.clientRegistry.saveClient(client);
    const token = await tokenFor(runtime, client.clientId, 'revocable-secret');
    const post = () =>
      gateway('/v1/dossiers', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(aDossier()),
      });
    expect((await post()).status).toBe(202);

    await runtime.deps.clientRegistry.saveClient({ ...client, disabled: true });
    await expect(tokenFor(runtime, client.clientId, 'revocable-secret')).rejects.toThrow(/401/);
    // The cache here is 1 s old at most; the exact 30 s bound is proven on an injected clock
    // in guard-access-tokens.test.ts, not by timing this machine.
    const refusal = await eventually(async () => {
      const response = await post();
      return response.status === 401 ? response : undefined;
    }, 8_000);
    expect(await refusal.json()).toMatchObject({
      code: 'auth.unauthenticated',
      detail: expect.stringContaining('disabled'),
      error: 'invalid_token',
      error_description: 'The access token was revoked',
    });
    expect(refusal.headers.get('www-authenticate')).toContain('error="invalid_token"');

    await runtime.deps.clientRegistry.saveClient(client);
    await eventually(async () => ((await post()).status === 202 ? true : undefined), 5_000);
  });
});

describe('signed national pushes', () => {
  const onlineDossier = () =>
    JSON.stringify(toNationalDossier(aDossier({ channel: 'online', status: 'submitted' })));
  const push = (body: string, headers: Record<string, string>) =>
    gateway('/v1/national/dossiers', {
      method: 'POST',
      headers: { authorization: `Bearer ${nationalToken}`, 'content-type': 'application/json', ...headers },
      body,
    });
  const stored = async (body: string) =>
    runtime.deps.store.listMessages('province', (JSON.parse(body) as { MaHoSo: string }).MaHoSo);

  it('refuses an unsigned push, a wrong secret and a stale timestamp, storing nothing', async () => {
    const body = onlineDossier();
    const unsigned = await push(body, {});
    const wrongSecret = await push(
      body,
      signedPushHeaders(body, { secret: `whsec_${Buffer.from('x'.repeat(32)).toString('base64')}` }),
    );
    const stale = await push(body, signedPushHeaders(body, { at: new Date(Date.now() - 10 * 60_000) }));
    for (const response of [unsigned, wrongSecret, stale]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(((await unsigned.json()) as { detail: string }).detail).toContain('webhook-signature');
    expect(((await stale.json()) as { detail: string }).detail).toContain('±300 s');
    expect(await stored(body)).toEqual([]);
  });

  it('refuses a captured push played again, but lets an honest resend through to idempotency', async () => {
    const body = onlineDossier();
    const headers = signedPushHeaders(body);
    expect((await push(body, headers)).status).toBe(202);
    const replayed = await push(body, headers);
    expect(replayed.status).toBe(409);
    expect(await replayed.json()).toMatchObject({ code: 'request.replayed' });
    // The portal's own retry signs again with a new timestamp (same webhook-id): a repeat, stored once.
    const resend = await push(
      body,
      signedPushHeaders(body, { id: headers['webhook-id'], at: new Date(Date.now() + 1000) }),
    );
    expect(resend.status).toBe(202);
    expect(await stored(body)).toHaveLength(1);
  });

  it('does not hold a refused push’s id against its retry', async () => {
    const body = JSON.stringify({
      ...JSON.parse(onlineDossier()),
      MaHoSo: '000.00.12.H56-250314-0001',
      DonViXuLy: '000.00.12.H56',
    });
    const headers = signedPushHeaders(body);
    expect((await push(body, headers)).status).toBe(422);
    expect((await push(body, headers)).status).toBe(422);
  });
});
