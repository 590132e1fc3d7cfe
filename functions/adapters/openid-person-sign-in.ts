import * as oidc from 'openid-client';
import { type ConsoleRole, groupsInClaims, rolesOfGroups } from '../core/console-roles';
import { GatewayError } from '../core/gateway-error';
import type { PersonSignIn } from '../ports/person-sign-in';

export interface OpenIdSignInOptions {
  /** The issuer's URL; its discovery document is read at the first sign-in. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The console's callback, exactly as registered at the issuer. */
  readonly redirectUri: string;
  /** Where the issuer sends the browser after signing out (registered there too). */
  readonly postLogoutRedirectUri: string;
  /**
   * The sign-out endpoint's parameter for that address: `post_logout_redirect_uri` (OpenID
   * Connect RP-initiated logout) unless the issuer wants another; Cognito's `/logout`, which
   * its discovery document names, takes `logout_uri` and answers an error page without it.
   */
  readonly postLogoutRedirectParameter?: string;
  /** The ID token claim holding the person's groups (`groups`, `cognito:groups`, `realm_access.roles`). */
  readonly groupsClaim: string;
  readonly roleOfGroup: Readonly<Record<string, ConsoleRole>>;
  /** Only the local runtime's embedded issuer answers over plain http. */
  readonly allowHttpIssuer?: boolean;
}

const SCOPE = 'openid profile';

/** A failure to reach the issuer is the issuer's outage, not a refused person. */
const unreachable = (error: unknown) => error instanceof TypeError || (error as Error)?.name === 'AbortError';

/**
 * People's sign-in through openid-client (certified): authorization code with PKCE (S256),
 * state and nonce, all checked by the library when the code is redeemed; the person's
 * identity and groups come from the verified ID token.
 */
export function createOpenIdPersonSignIn(options: OpenIdSignInOptions): PersonSignIn {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(options.issuer),
        options.clientId,
        undefined,
        oidc.ClientSecretBasic(options.clientSecret),
        options.allowHttpIssuer ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw new GatewayError(
          'dependency.unavailable',
          'Không kết nối được nhà cung cấp định danh / The identity provider cannot be reached; retry shortly',
          { retryAfterSeconds: 5, cause: error },
        );
      });
    return discovered;
  };

  return {
    issuer: options.issuer,
    async begin() {
      const config = await configuration();
      const transaction = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: SCOPE,
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, transaction };
    },
    async finish(callbackParameters, transaction) {
      const config = await configuration();
      // The registered redirect URI with the provider's answer: behind a proxy or API Gateway
      // the request's own URL may name another host, and the code is bound to this one.
      const callbackUrl = new URL(options.redirectUri);
      callbackUrl.search = callbackParameters.toString();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: transaction.codeVerifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new Error('no ID token');
        return {
          subject: claims.sub,
          name: typeof claims.name === 'string' ? claims.name : claims.sub,
          roles: rolesOfGroups(groupsInClaims(claims, options.groupsClaim), options.roleOfGroup),
        };
      } catch (error) {
        if (unreachable(error)) {
          throw new GatewayError(
            'dependency.unavailable',
            'Không kết nối được nhà cung cấp định danh / The identity provider cannot be reached; retry shortly',
            { retryAfterSeconds: 5, cause: error },
          );
        }
        throw new GatewayError(
          'auth.unauthenticated',
          `Đăng nhập không thành công / Sign-in refused: ${(error as Error).message}`,
          { cause: error },
        );
      }
    },
    async signOutUrl() {
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      return oidc.buildEndSessionUrl(config, {
        [options.postLogoutRedirectParameter ?? 'post_logout_redirect_uri']: options.postLogoutRedirectUri,
      }).href;
    },
  };
}
