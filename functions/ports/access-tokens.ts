import type { Scope } from '../../contracts/oauth';
import type { ConsoleRole } from '../core/console-roles';

/** A person signed in to the console through the identity provider, and their roles. */
export interface PersonClaims {
  readonly subject: string;
  readonly name: string;
  readonly roles: readonly ConsoleRole[];
}

export interface AccessTokenClaims {
  /** The API client; for a person's session `person:<subject>`, never a registered client. */
  readonly clientId: string;
  readonly scopes: readonly Scope[];
  readonly agencies: readonly string[];
  /** Present on a person's console session only: who signed in, and what they may do. */
  readonly person?: PersonClaims;
}

/** A public signing key as published at /.well-known/jwks.json (RFC 7517): never a private member. */
export interface PublicJwk {
  readonly kty: string;
  readonly crv: string;
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: string;
  readonly use: 'sig';
}

export interface AccessTokens {
  readonly lifetimeSeconds: number;
  issue(claims: AccessTokenClaims): Promise<string>;
  /** Throws GatewayError 'auth.unauthenticated' for anything but a valid, current token. */
  verify(token: string): Promise<AccessTokenClaims>;
  /** Every key that verifies tokens now, the signing one first. */
  jwks(): { readonly keys: readonly PublicJwk[] };
}
