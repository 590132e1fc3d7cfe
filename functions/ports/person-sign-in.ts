import type { ConsoleRole } from '../core/console-roles';

/** What the console keeps between sending a person to the issuer and the issuer sending them back. */
export interface SignInTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** A person the issuer vouched for, with the roles their groups map to (possibly none). */
export interface SignedInPerson {
  readonly subject: string;
  readonly name: string;
  readonly roles: readonly ConsoleRole[];
}

/** OpenID Connect sign-in of people, authorization code + PKCE, at the configured issuer. */
export interface PersonSignIn {
  /** The issuer's URL: the console's forms may send the browser there (sign-in, sign-out). */
  readonly issuer: string;
  /** Where to send the person's browser, and what to keep (in a cookie) for the callback. */
  begin(): Promise<{ readonly url: string; readonly transaction: SignInTransaction }>;
  /**
   * Redeems the callback's code. Throws GatewayError 'auth.unauthenticated' when the issuer
   * refused, or the state, nonce, PKCE verifier, signature or audience do not check out.
   */
  finish(callbackParameters: URLSearchParams, transaction: SignInTransaction): Promise<SignedInPerson>;
  /** The issuer's end-session address (RP-initiated logout), when it has one. */
  signOutUrl(): Promise<string | undefined>;
}
