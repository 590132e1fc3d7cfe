import type { SystemKind } from '../../contracts/connected-systems';
import type { Scope } from '../../contracts/oauth';
import type { RegisteredClient } from './client-registry';

/** A webhook signing secret as stored: sealed (encrypted), never in the clear. */
export interface SealedWebhookSecret {
  readonly sealed: string;
  /** A previous secret signs too until then; the current one has none. */
  readonly validUntil?: string;
}

/**
 * A connected system as the gateway keeps it (issue 19). Its id is its OAuth client id; the
 * client secret lives, hashed, on the API client record written beside it.
 */
export interface ConnectedSystem {
  readonly clientId: string;
  readonly name: string;
  readonly kind: SystemKind;
  readonly agencies: readonly string[];
  readonly scopes: readonly Scope[];
  readonly webhookUrl?: string;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The current secret first, then a previous one while its rotation overlaps. */
  readonly webhookSecrets: readonly SealedWebhookSecret[];
}

/** What a save expects to find: nothing (a registration) or the version it read (a change). */
export type SaveExpectation = { readonly absent: true } | { readonly updatedAt: string };

export interface ConnectedSystems {
  list(): Promise<ConnectedSystem[]>;
  find(clientId: string): Promise<ConnectedSystem | undefined>;
  /**
   * Writes the system and its API client together or neither. Throws GatewayError
   * 'system.exists' when a registration's id is taken, 'system.changed' when the system
   * changed since it was read.
   */
  save(system: ConnectedSystem, client: RegisteredClient, expected: SaveExpectation): Promise<void>;
}

/**
 * Encrypts secrets the gateway must read back (webhook signing secrets): KMS on AWS, AES-256-GCM
 * locally. `context` is bound to the ciphertext (KMS encryption context, GCM additional data),
 * so a sealed value copied onto another system does not open.
 */
export interface SecretSealer {
  seal(plaintext: string, context: string): Promise<string>;
  unseal(sealed: string, context: string): Promise<string>;
}
