import type { Scope } from '../../contracts/oauth';

export interface RegisteredClient {
  readonly clientId: string;
  /** scrypt$<salt base64>$<hash base64>: the secret itself is never stored. */
  readonly secretHash: string;
  /** The secret before the last rotation, still accepted until `validUntil` (ISO time). */
  readonly previousSecret?: { readonly secretHash: string; readonly validUntil: string };
  readonly scopes: readonly Scope[];
  /** Exact agency codes or suffix grants such as *.H12. */
  readonly agencies: readonly string[];
  readonly disabled?: boolean;
}

export interface ClientRegistry {
  findClient(clientId: string): Promise<RegisteredClient | undefined>;
}
