import type { SigningKey } from '../adapters/jose-access-tokens';

/** Everything a runtime must supply to build the gateway's dependencies. */
export interface RuntimeConfig {
  readonly stage: string;
  readonly region: string;
  readonly tableName: string;
  readonly queueUrls: { readonly toNational: string };
  readonly nationalPortal: {
    readonly baseUrl: string;
    readonly username: string;
    readonly password: string;
    readonly timeoutMs: number;
  };
  readonly tokens: {
    readonly issuer: string;
    readonly audience: string;
    readonly lifetimeSeconds: number;
    readonly keys: readonly SigningKey[];
  };
  readonly outbox: { readonly staleAfterSeconds: number; readonly pendingShards: number };
  readonly maxBodyBytes: number;
  readonly logLevel: string;
  /** Emulator endpoints in the local runtime; absent on AWS. */
  readonly endpoints?: { readonly dynamodb: string; readonly sqs: string };
}

/** The payload of the gateway's secret (Secrets Manager on AWS, a file under .data locally). */
export interface GatewaySecrets {
  readonly signingKeys: readonly SigningKey[];
  readonly nationalPortal: { readonly username: string; readonly password: string };
}
