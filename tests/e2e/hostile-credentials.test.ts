import { createHmac } from 'node:crypto';
import { base64url, importJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { toNationalDossier } from '../../functions/core/translate-dossier';
import { signedPushHeaders } from '../../infra/local/demo-client';
import { useHostileRuntime } from '../support/hostile-runtime';
import { aSigningKey } from '../support/signing-keys';
import { tokenFor } from '../support/test-runtime';

/**
 * Hostile credentials through the whole local runtime: forged, expired and confused tokens, and
 * replayed or unsigned national pushes. Each gets a clear 4xx problem+json, nothing is stored for
 * it, and the gateway stays healthy (the other hostile inputs: hostile-inputs.test.ts).
 */

const hostile = useHostileRuntime();
const { freshDossier, send, expectRefused, expectHealthy } = hostile;

describe('forged, expired and confused tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const forge = async (
    header: Record<string, unknown>,
    claims: Record<string, unknown>,
    key = hostile.secrets.signingKeys[0],
  ) =>
    new SignJWT({ scope: 'dossiers:write admin', agencies: ['*.H12'], ...claims })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: key?.kid, ...header })
      .sign(await importJWK(key?.privateJwk ?? {}, 'ES256'));
  const standard = () => ({
    sub: 'demo-province',
    iss: 'http://127.0.0.1/lien-thong-local',
    aud: 'lien-thong-gateway',
    iat: now(),
    exp: now() + 900,
  });
  const unsigned = (header: Record<string, unknown>, claims: Record<string, unknown>) =>
    `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}`;

  const cases: [string, () => Promise<string>][] = [
    ['expired', () => forge({}, { ...standard(), iat: now() - 1000, exp: now() - 100 })],
    ['for another audience', () => forge({}, { ...standard(), aud: 'another-api' })],
    ['from another issuer', () => forge({}, { ...standard(), iss: 'https://evil.example' })],
    ['of another type', () => forge({ typ: 'JWT' }, standard())],
    ['claiming a day of life', () => forge({}, { ...standard(), exp: now() + 86_400 })],
    ['with an unknown kid', () => forge({ kid: 'not-a-key' }, standard())],
    [
      'signed by an attacker’s key under the real kid',
      async () =>
        forge({}, standard(), { ...(await aSigningKey(hostile.secrets.signingKeys[0]?.kid ?? '')) }),
    ],
    [
      'with alg none',
      async () =>
        `${unsigned({ alg: 'none', typ: 'at+jwt', kid: hostile.secrets.signingKeys[0]?.kid }, standard())}.`,
    ],
    [
      'HS256 keyed with the public key',
      async () => {
        const body = unsigned(
          { alg: 'HS256', typ: 'at+jwt', kid: hostile.secrets.signingKeys[0]?.kid },
          standard(),
        );
        const key = JSON.stringify(hostile.secrets.signingKeys[0]?.publicJwk);
        return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
      },
    ],
    [
      'with a payload changed under a valid signature',
      async () => {
        const [header, , signature] = (await tokenFor(hostile.runtime)).split('.');
        return `${header}.${base64url.encode(JSON.stringify({ ...standard(), scope: 'admin' }))}.${signature}`;
      },
    ],
    ['that is not a JWT', async () => 'not.a.jwt'],
    ['of 10 000 characters', async () => 'a'.repeat(10_000)],
  ];

  it.each(cases)(
    'refuses a token %s with 401 invalid_token, saying whether it expired (RFC 6750)',
    async (name, make) => {
      const dossier = freshDossier();
      const answer = await send('/v1/dossiers', { body: JSON.stringify(dossier), token: await make() });
      const problem = await expectRefused(answer, 401, [dossier.dossierCode]);
      expect(problem.code).toBe('auth.unauthenticated');
      const description = name === 'expired' ? 'The access token expired' : 'The access token is invalid';
      expect(answer.headers.get('www-authenticate')).toBe(
        `Bearer realm="lien-thong-gateway", error="invalid_token", error_description="${description}"`,
      );
      expect(problem).toMatchObject({ error: 'invalid_token', error_description: description });
    },
  );

  it('challenges a request without a token with the bare scheme and no error (RFC 6750 section 3.1)', async () => {
    const dossier = freshDossier();
    const answer = await send('/v1/dossiers', { body: JSON.stringify(dossier), token: null });
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="lien-thong-gateway"');
    expect(await expectRefused(answer, 401, [dossier.dossierCode])).not.toHaveProperty('error');
  });

  it('accepts a token forged exactly like the gateway’s own, proving the cases above fail for their reason', async () => {
    const dossier = freshDossier();
    const answer = await send('/v1/dossiers', {
      body: JSON.stringify(dossier),
      token: await forge({}, standard()),
    });
    expect(answer.status).toBe(202);
  });

  it('stays healthy', expectHealthy);
});

describe('replayed and unsigned pushes', () => {
  const onlineBody = () =>
    JSON.stringify(toNationalDossier(freshDossier({ channel: 'online', status: 'submitted' })));
  const codeOf = (body: string) => (JSON.parse(body) as { MaHoSo: string }).MaHoSo;

  it('refuses an unsigned push with 401 and a push signed ten minutes ago with 401', async () => {
    const body = onlineBody();
    await expectRefused(await send('/v1/national/dossiers', { body, token: hostile.nationalToken }), 401, [
      codeOf(body),
    ]);
    const stale = signedPushHeaders(body, { at: new Date(Date.now() - 600_000) });
    await expectRefused(
      await send('/v1/national/dossiers', { body, token: hostile.nationalToken, headers: stale }),
      401,
      [codeOf(body)],
    );
  });

  it('refuses a replayed push with 409, storing it once', async () => {
    const body = onlineBody();
    const headers = signedPushHeaders(body);
    expect(
      (await send('/v1/national/dossiers', { body, token: hostile.nationalToken, headers })).status,
    ).toBe(202);
    await expectRefused(
      await send('/v1/national/dossiers', { body, token: hostile.nationalToken, headers }),
      409,
    );
    expect(await hostile.runtime.deps.store.listMessages('province', codeOf(body))).toHaveLength(1);
  });

  it('refuses a push with a body changed under a valid signature', async () => {
    const body = onlineBody();
    const headers = signedPushHeaders(body);
    const tampered = body.replace('"TrangThaiHoSo":"1"', '"TrangThaiHoSo":"9"');
    await expectRefused(
      await send('/v1/national/dossiers', { body: tampered, token: hostile.nationalToken, headers }),
      401,
      [codeOf(body)],
    );
  });

  it('stays healthy', expectHealthy);
});
