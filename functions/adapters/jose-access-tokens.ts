import { importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { scopeSchema } from '../../contracts/oauth';
import { GatewayError } from '../core/gateway-error';
import type { AccessTokens } from '../ports/access-tokens';

export interface SigningKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export interface JoseAccessTokenOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly lifetimeSeconds: number;
  /** The first key signs; every key verifies, so a key can be rolled without a gap. */
  readonly keys: readonly SigningKey[];
}

const ALGORITHM = 'ES256';

export async function createJoseAccessTokens(options: JoseAccessTokenOptions): Promise<AccessTokens> {
  const [signing] = options.keys;
  if (!signing) throw new Error('no token signing key configured');
  const privateKey = await importJWK(signing.privateJwk, ALGORITHM);
  const publicKeys = new Map(
    await Promise.all(
      options.keys.map(async (key) => [key.kid, await importJWK(key.publicJwk, ALGORITHM)] as const),
    ),
  );

  return {
    lifetimeSeconds: options.lifetimeSeconds,
    async issue(claims) {
      return new SignJWT({ scope: claims.scopes.join(' '), agencies: claims.agencies })
        .setProtectedHeader({ alg: ALGORITHM, kid: signing.kid, typ: 'at+jwt' })
        .setSubject(claims.clientId)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setExpirationTime(`${options.lifetimeSeconds}s`)
        .setJti(crypto.randomUUID())
        .sign(privateKey);
    },
    async verify(token) {
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
            requiredClaims: ['sub', 'exp'],
          },
        );
        const scopes = String(payload.scope ?? '')
          .split(' ')
          .filter((scope) => scopeSchema.safeParse(scope).success) as AccessTokenScopes;
        const agencies = Array.isArray(payload.agencies) ? payload.agencies.map(String) : [];
        return { clientId: String(payload.sub), scopes, agencies };
      } catch (error) {
        throw new GatewayError(
          'auth.unauthenticated',
          'Mã truy cập không hợp lệ hoặc đã hết hạn / Invalid or expired access token',
          {
            cause: error,
          },
        );
      }
    },
  };
}

type AccessTokenScopes = Parameters<AccessTokens['issue']>[0]['scopes'];
