import { createHmac } from 'node:crypto';
import { base64url, importJWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJoseAccessTokens, type SigningKey } from '../../../functions/adapters/jose-access-tokens';
import { isGatewayError } from '../../../functions/core/gateway-error';
import type { AccessTokens } from '../../../functions/ports/access-tokens';
import { aSigningKey } from '../../support/signing-keys';

const issuer = 'https://gateway.example.vn';
const audience = 'lien-thong-gateway';
const claims = { clientId: 'vendor-h12', scopes: ['dossiers:write'] as const, agencies: ['*.H12'] };
const issuedAt = new Date('2025-03-14T01:30:00Z');

let previous: SigningKey;
let next: SigningKey;
beforeAll(async () => {
  previous = await aSigningKey('key-2025-01');
  next = await aSigningKey('key-2025-04');
});

function tokensWith(
  keys: readonly SigningKey[],
  overrides: { issuer?: string; audience?: string; now?: Date } = {},
) {
  return createJoseAccessTokens({
    issuer: overrides.issuer ?? issuer,
    audience: overrides.audience ?? audience,
    lifetimeSeconds: 900,
    keys,
    now: () => overrides.now ?? issuedAt,
  });
}

async function refuses(tokens: AccessTokens, token: string): Promise<boolean> {
  try {
    await tokens.verify(token);
    return false;
  } catch (error) {
    return isGatewayError(error, 'auth.unauthenticated');
  }
}

/** A token signed with `previous`, with whatever header and claims the attacker chooses. */
async function craft(header: Record<string, unknown>, times: { iat?: number; exp?: number } = {}) {
  const now = Math.floor(issuedAt.getTime() / 1000);
  return new SignJWT({ scope: 'admin', agencies: [] })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: previous.kid, ...header })
    .setSubject('attacker')
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(times.iat ?? now)
    .setExpirationTime(times.exp ?? now + 900)
    .sign(await importJWK(previous.privateJwk, 'ES256'));
}

describe('access tokens', () => {
  it('issues a short-lived ES256 token with kid, issuer, audience and the client as subject', async () => {
    const tokens = await tokensWith([previous]);
    const token = await tokens.issue(claims);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(new TextDecoder().decode(base64url.decode(part ?? ''))));
    expect(header).toEqual({ alg: 'ES256', kid: previous.kid, typ: 'at+jwt' });
    expect(payload).toMatchObject({ sub: 'vendor-h12', iss: issuer, aud: audience, scope: 'dossiers:write' });
    expect(payload.exp - payload.iat).toBe(900);
    expect(await tokens.verify(token)).toEqual({ ...claims, scopes: ['dossiers:write'] });
  });

  it('refuses a token for another audience or from another issuer', async () => {
    const tokens = await tokensWith([previous]);
    const otherAudience = await (await tokensWith([previous], { audience: 'another-api' })).issue(claims);
    const otherIssuer = await (await tokensWith([previous], { issuer: 'https://evil.example' })).issue(
      claims,
    );
    expect(await refuses(tokens, otherAudience)).toBe(true);
    expect(await refuses(tokens, otherIssuer)).toBe(true);
  });

  it('refuses a token once it expires, on the injected clock', async () => {
    const token = await (await tokensWith([previous])).issue(claims);
    const at = (seconds: number) =>
      tokensWith([previous], { now: new Date(issuedAt.getTime() + seconds * 1000) });
    expect(await refuses(await at(899), token)).toBe(false);
    // Expiry plus the 5 s allowed between instances' clocks.
    expect(await refuses(await at(906), token)).toBe(true);
  });

  it('answers a token it verified from memory until its expiry, and refuses it after, on the same instance', async () => {
    let now = issuedAt;
    const tokens = await createJoseAccessTokens({
      issuer,
      audience,
      lifetimeSeconds: 900,
      keys: [previous],
      now: () => now,
    });
    const token = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual({ ...claims, scopes: ['dossiers:write'] });
    expect(await tokens.verify(token)).toEqual({ ...claims, scopes: ['dossiers:write'] });
    // The same token with one signature character changed is another key: verified in full.
    const altered = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`;
    expect(await refuses(tokens, altered)).toBe(true);
    now = new Date(issuedAt.getTime() + 906_000);
    expect(await refuses(tokens, token)).toBe(true);
  });

  describe('during a key roll', () => {
    it('still verifies a token signed by the previous key while it is listed, and signs with the new one', async () => {
      const oldToken = await (await tokensWith([previous])).issue(claims);
      const rolling = await tokensWith([next, previous]);
      expect(await rolling.verify(oldToken)).toMatchObject({ clientId: 'vendor-h12' });
      const newToken = await rolling.issue(claims);
      expect(JSON.parse(new TextDecoder().decode(base64url.decode(newToken.split('.')[0] ?? ''))).kid).toBe(
        next.kid,
      );
    });

    it('stops verifying the previous key’s tokens once it is removed', async () => {
      const oldToken = await (await tokensWith([previous])).issue(claims);
      expect(await refuses(await tokensWith([next]), oldToken)).toBe(true);
    });

    it('publishes every listed key, signing key first, with public members only', async () => {
      // Even a configuration that put the private key where the public one belongs leaks no `d`.
      const careless = { ...previous, publicJwk: previous.privateJwk };
      const { keys } = (await tokensWith([next, careless])).jwks();
      expect(keys.map((key) => key.kid)).toEqual([next.kid, previous.kid]);
      for (const key of keys) {
        expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
        expect(key).not.toHaveProperty('d');
        expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      }
    });
  });

  describe('refuses forged tokens', () => {
    /** Claims an attacker would want, valid for the issuer, the audience and the time. */
    const attackerAdminPayload = () => {
      const now = Math.floor(issuedAt.getTime() / 1000);
      return base64url.encode(
        JSON.stringify({
          sub: 'attacker',
          scope: 'admin',
          iss: issuer,
          aud: audience,
          iat: now,
          exp: now + 900,
        }),
      );
    };

    it('a changed payload under the original signature', async () => {
      const [header, , signature] = (await (await tokensWith([previous])).issue(claims)).split('.');
      const payload = base64url.encode(
        JSON.stringify({ sub: 'vendor-h12', scope: 'admin', iss: issuer, aud: audience }),
      );
      expect(await refuses(await tokensWith([previous]), `${header}.${payload}.${signature}`)).toBe(true);
    });

    it('alg none', async () => {
      const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: previous.kid }));
      const payload = attackerAdminPayload();
      expect(await refuses(await tokensWith([previous]), `${header}.${payload}.`)).toBe(true);
    });

    it('HS256 keyed with the published public key', async () => {
      const tokens = await tokensWith([previous]);
      const [published] = tokens.jwks().keys;
      const header = base64url.encode(JSON.stringify({ alg: 'HS256', typ: 'at+jwt', kid: previous.kid }));
      const payload = attackerAdminPayload();
      for (const secret of [
        JSON.stringify(published),
        published?.x ?? '',
        `${published?.x}${published?.y}`,
      ]) {
        const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
        expect(await refuses(tokens, `${header}.${payload}.${signature}`)).toBe(true);
      }
    });

    it('an unknown kid, or none at all', async () => {
      const tokens = await tokensWith([previous]);
      expect(await refuses(tokens, await craft({ kid: 'key-unknown' }))).toBe(true);
      expect(await refuses(tokens, await craft({ kid: undefined }))).toBe(true);
    });

    it('a key embedded in the header', async () => {
      const attacker = await aSigningKey(previous.kid);
      const token = await new SignJWT({ scope: 'admin' })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: previous.kid, jwk: attacker.publicJwk })
        .setSubject('attacker')
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
        .setExpirationTime('15m')
        .sign(await importJWK(attacker.privateJwk, 'ES256'));
      expect(await refuses(await tokensWith([previous]), token)).toBe(true);
    });

    it('another kind of JWT signed by the same key, or one that claims a longer life', async () => {
      const tokens = await tokensWith([previous]);
      expect(await refuses(tokens, await craft({ typ: 'JWT' }))).toBe(true);
      const now = Math.floor(issuedAt.getTime() / 1000);
      expect(await refuses(tokens, await craft({}, { iat: now - 3600, exp: now + 86_400 }))).toBe(true);
      expect(await refuses(tokens, await craft({}, { iat: now, exp: now + 86_400 }))).toBe(true);
      expect(await refuses(tokens, await craft({}))).toBe(false);
    });
  });
});
