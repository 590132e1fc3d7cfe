import { errors, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { scopeSchema } from '../../contracts/oauth';
import { type ConsoleRole, consoleRoles } from '../core/console-roles';
import { GatewayError } from '../core/gateway-error';
import type { AccessTokenClaims, AccessTokens, PersonClaims, PublicJwk } from '../ports/access-tokens';

export interface SigningKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export interface JoseAccessTokenOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly lifetimeSeconds: number;
  /**
   * The first key signs; every key verifies, so a key can be rolled without a gap: publish
   * the new key second, then make it first, then drop the old one once its tokens have
   * expired (lifetimeSeconds later). A token whose kid is no longer listed is refused.
   */
  readonly keys: readonly SigningKey[];
  readonly now?: () => Date;
}

const ALGORITHM = 'ES256';
/** RFC 9068: access tokens say so, and no other JWT signed by these keys passes as one. */
const TOKEN_TYPE = 'at+jwt';
const CLOCK_TOLERANCE_SECONDS = 5;
/**
 * Tokens verified by this instance and not yet expired, so that a client's repeated requests
 * verify its token's ES256 signature once, not once per request (issue 24: the CPU of the ingest
 * path). Keyed by the whole token, signature included: an altered token is another key and is
 * verified in full. The bound keeps a flood of distinct valid tokens from growing it.
 */
const MAX_VERIFIED_TOKENS = 10_000;

/** Only the public members, named one by one: a private `d` configured by mistake never leaks. */
function publicMembers(key: SigningKey): PublicJwk {
  const { kty, crv, x, y } = key.publicJwk;
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y) {
    throw new Error(`signing key ${key.kid} is not a P-256 public key`);
  }
  return { kty, crv, x, y, kid: key.kid, alg: ALGORITHM, use: 'sig' };
}

export async function createJoseAccessTokens(options: JoseAccessTokenOptions): Promise<AccessTokens> {
  const [signing] = options.keys;
  if (!signing) throw new Error('no token signing key configured');
  const now = options.now ?? (() => new Date());
  const privateKey = await importJWK(signing.privateJwk, ALGORITHM);
  const published = options.keys.map(publicMembers);
  const publicKeys = new Map(
    await Promise.all(
      published.map(async (jwk) => [jwk.kid, await importJWK({ ...jwk }, ALGORITHM)] as const),
    ),
  );

  const verified = new Map<string, { readonly claims: AccessTokenClaims; readonly expiresAtMs: number }>();

  return {
    lifetimeSeconds: options.lifetimeSeconds,
    async issue(claims) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      const person = claims.person
        ? { person: claims.person.subject, name: claims.person.name, roles: claims.person.roles }
        : {};
      return new SignJWT({ scope: claims.scopes.join(' '), agencies: claims.agencies, ...person })
        .setProtectedHeader({ alg: ALGORITHM, kid: signing.kid, typ: TOKEN_TYPE })
        .setSubject(claims.clientId)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + options.lifetimeSeconds)
        .setJti(crypto.randomUUID())
        .sign(privateKey);
    },
    async verify(token) {
      const known = verified.get(token);
      // Until its exp, without the tolerance for other clocks: past it, the full check decides.
      if (known && now().getTime() < known.expiresAtMs) return known.claims;
      verified.delete(token);
      try {
        const { payload } = await jwtVerify(
          token,
          async (header) => {
            const key = header.kid ? publicKeys.get(header.kid) : undefined;
            if (!key) throw new Error(`unknown signing key ${String(header.kid)}`);
            return key;
          },
          {
            issuer: options.issuer,
            audience: options.audience,
            algorithms: [ALGORITHM],
            typ: TOKEN_TYPE,
            requiredClaims: ['sub', 'exp', 'iat'],
            maxTokenAge: options.lifetimeSeconds,
            // Instances issue and verify on their own clocks; NTP keeps them within a second or two.
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
            currentDate: now(),
          },
        );
        // A token that claims a longer life than this gateway issues was not issued by it (or by
        // an instance configured otherwise): refuse it rather than honour the claim.
        if ((payload.exp ?? 0) - (payload.iat ?? 0) > options.lifetimeSeconds) {
          throw new Error(`token lifetime exceeds ${options.lifetimeSeconds} s`);
        }
        const scopes = String(payload.scope ?? '')
          .split(' ')
          .filter((scope) => scopeSchema.safeParse(scope).success) as AccessTokenScopes;
        const agencies = Array.isArray(payload.agencies) ? payload.agencies.map(String) : [];
        const person = personOf(payload);
        const claims = { clientId: String(payload.sub), scopes, agencies, ...(person ? { person } : {}) };
        // The oldest entry goes first (a Map keeps insertion order).
        if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value ?? '');
        verified.set(token, { claims, expiresAtMs: (payload.exp ?? 0) * 1000 });
        return claims;
      } catch (error) {
        throw refusedToken(error);
      }
    },
    jwks() {
      return { keys: published };
    },
  };
}

/** A person's session names its subject apart from `sub`, so no client id can pass for a person. */
function personOf(payload: JWTPayload): PersonClaims | undefined {
  if (typeof payload.person !== 'string' || payload.sub !== `person:${payload.person}`) return undefined;
  const roles = Array.isArray(payload.roles)
    ? payload.roles.filter((role): role is ConsoleRole => consoleRoles.includes(role))
    : [];
  return { subject: payload.person, name: String(payload.name ?? payload.person), roles };
}

/**
 * A refused token as RFC 6750 names it (`invalid_token`), telling a token that expired, which
 * its holder replaces, from one that is not ours or was altered, which it must not send again.
 * jose checks the signature before the claims, so only a genuine token is called expired.
 */
function refusedToken(cause: unknown): GatewayError {
  const expired = cause instanceof errors.JWTExpired;
  return new GatewayError(
    'auth.unauthenticated',
    expired
      ? 'Mã truy cập đã hết hạn / The access token expired: get a new one from POST /oauth/token'
      : 'Mã truy cập không hợp lệ / The access token is not valid (signature, issuer, audience, type or lifetime): get one from POST /oauth/token',
    {
      cause,
      details: {
        error: 'invalid_token',
        error_description: expired ? 'The access token expired' : 'The access token is invalid',
      },
    },
  );
}

type AccessTokenScopes = Parameters<AccessTokens['issue']>[0]['scopes'];
