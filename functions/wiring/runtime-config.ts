import type {
  DeadlinesSpec,
  DriftCheckSpec,
  EndpointOperationsSpec,
  SecuritySpec,
} from '../../infra/topology';
import type { SigningKey } from '../adapters/jose-access-tokens';
import type { LgspNationalPortalOptions } from '../adapters/lgsp-national-portal';
import type { PaygovPaymentPlatformOptions } from '../adapters/paygov-payment-platform';
import type { SessionNationalFeedbackOptions } from '../adapters/session-national-feedback';
import type { SessionNationalPortalOptions } from '../adapters/session-national-portal';
import type { PaymentSettings } from '../application/payment-dependencies';
import type { Channel } from '../core/dossier-message';

export interface EndpointConfig {
  readonly maxConcurrentCalls: number;
  readonly timeoutMs: number;
  readonly circuitBreaker: { readonly failureThreshold: number; readonly openSeconds: number };
}

/** How the gateway reaches DVCQG for a province (DOMAIN.md, docs/adr/0003). */
export type NationalTransport = 'session' | 'lgsp';

/** Everything a runtime must supply to build the gateway's dependencies. */
export interface RuntimeConfig {
  readonly stage: string;
  readonly region: string;
  readonly tableName: string;
  readonly queues: Readonly<Record<Channel, { readonly name: string; readonly url: string }>>;
  readonly deadLetterQueues: Readonly<Record<Channel, { readonly name: string; readonly url: string }>>;
  readonly nationalPortal: EndpointConfig & {
    readonly baseUrl: string;
    readonly username: string;
    readonly password: string;
    readonly timeoutMs: number;
    /**
     * The session account's constants and paths [OCPS ServerConfig]: madonvi, dstcode, the
     * auth/integration/share paths and which endpoint TraCuuHoSo goes to.
     */
    readonly session: Pick<SessionNationalPortalOptions, 'madonvi' | 'dstcode' | 'paths' | 'lookupEndpoint'>;
    /** error_codes that park the message; default config/national-reply-codes.json. */
    readonly rejectedErrorCodes?: readonly number[];
    /** Transport per province or ministry suffix (`H12`, `G09`); an unlisted one uses 'session'. */
    readonly transports?: Readonly<Record<string, NationalTransport>>;
    /** The LGSP REST endpoint and client; required once any province uses 'lgsp'. */
    readonly lgsp?: Omit<LgspNationalPortalOptions, 'fetch' | 'now' | 'timeoutMs'> & {
      readonly timeoutMs?: number;
    };
    /** The feedback wire's [inferred] names (docs/adr/0017): service names, ratings on or off, state codes. */
    readonly feedback?: Omit<SessionNationalFeedbackOptions, 'rejectedErrorCodes'>;
  };
  readonly provinceWebhooks: EndpointConfig & {
    readonly secrets: Readonly<Record<string, readonly string[]>>;
    /** Only the local runtime delivers to plain-http loopback addresses. */
    readonly allowLoopbackHttp: boolean;
  };
  /** The national payment platform; without it every payment call answers 503 (not configured). */
  readonly paymentPlatform?: EndpointConfig &
    Omit<PaygovPaymentPlatformOptions, 'fetch' | 'now' | 'timeoutMs'> & { readonly timeoutMs: number };
  readonly payments: Omit<PaymentSettings, 'partnerCode' | 'secrets'> & {
    readonly dueShards: number;
    readonly pollLimit: number;
  };
  /** Addresses the national portal pushes from (CIDR or exact); empty refuses every push. */
  readonly nationalPushAllowList: readonly string[];
  readonly tokens: {
    readonly issuer: string;
    readonly audience: string;
    readonly lifetimeSeconds: number;
    readonly keys: readonly SigningKey[];
  };
  readonly outbox: { readonly staleAfterSeconds: number; readonly pendingShards: number };
  readonly retryPolicy: { readonly baseSeconds: number; readonly capSeconds: number };
  readonly maxBodyBytes: number;
  /** Token, revocation, abuse and replay bounds (topology.security, SECURITY.md). */
  readonly security: SecuritySpec;
  /** Secrets the national portal signs its pushes with (two during a roll); empty: unsigned pushes. */
  readonly nationalPushSecrets: readonly string[];
  /** Messages and failed records expire this many days after they are written (topology.retention). */
  readonly retentionDays: number;
  /** Deadline notices: the due-soon window, the statuses that stop the clock (topology.deadlines). */
  readonly deadlines: DeadlinesSpec;
  readonly logLevel: string;
  /**
   * Unit names for DonViXuLy: `strict` overrides the flag of config/agency-names.json (strict:
   * a dossier whose unit name nobody knows is refused with 422 agency.nameUnknown).
   */
  readonly agencyNames?: { readonly strict?: boolean };
  /** Drift check bounds (topology.driftCheck). */
  readonly driftCheck: DriftCheckSpec;
  /** Pausing systems' endpoints, their health hint and delivery log (topology.endpointOperations). */
  readonly endpointOperations: EndpointOperationsSpec;
  /**
   * What seals connected systems' webhook signing secrets: the stack's KMS key on AWS, an
   * AES-256 key (base64) from the local secrets locally; absent where a function neither
   * registers systems nor signs webhooks.
   */
  readonly secretSealing?: { readonly kmsKeyArn: string } | { readonly localKey: string };
  /** Emulator endpoints in the local runtime; absent on AWS. */
  readonly endpoints?: { readonly dynamodb: string; readonly sqs: string };
}

/** The payload of the gateway's secret (Secrets Manager on AWS, a file under .data locally). */
export interface GatewaySecrets {
  readonly signingKeys: readonly SigningKey[];
  /**
   * The gateway's account on the portal's session transport: its credentials and its constants
   * madonvi and dstcode; optionally its paths and the endpoint TraCuuHoSo goes to [OCPS ServerConfig].
   */
  readonly nationalPortal: {
    readonly username: string;
    readonly password: string;
    readonly madonvi?: string;
    readonly dstcode?: string;
    readonly paths?: SessionNationalPortalOptions['paths'];
    readonly lookupEndpoint?: SessionNationalPortalOptions['lookupEndpoint'];
  };
  /** Standard Webhooks signing secrets (whsec_…) per provincial client; two during a roll. */
  readonly webhookSecrets: Readonly<Record<string, readonly string[]>>;
  /** The payment platform partner: MaDoiTac, its secrets (first signs) and API token (optional). */
  readonly paymentPlatform?: {
    readonly partnerCode: string;
    readonly secrets: readonly string[];
    readonly apiToken?: string;
  };
  /** The LGSP client, for provinces on the LGSP REST transport. */
  readonly nationalLgsp?: { readonly clientId: string; readonly clientSecret: string };
  /** Standard Webhooks secrets (whsec_…) the national portal signs its pushes with. */
  readonly nationalPushSecrets?: readonly string[];
  /** The local runtime's AES-256 sealing key (base64); on AWS KMS seals instead. */
  readonly localSealingKey?: string;
}
