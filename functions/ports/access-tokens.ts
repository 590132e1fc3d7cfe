import type { Scope } from '../../contracts/oauth';

export interface AccessTokenClaims {
  readonly clientId: string;
  readonly scopes: readonly Scope[];
  readonly agencies: readonly string[];
}

export interface AccessTokens {
  readonly lifetimeSeconds: number;
  issue(claims: AccessTokenClaims): Promise<string>;
  /** Throws GatewayError 'auth.unauthenticated' for anything but a valid, current token. */
  verify(token: string): Promise<AccessTokenClaims>;
}
