import type { DossierStatus } from '../../contracts/dossier-status';
import type { PaymentSettings } from '../../functions/application/payment-dependencies';

/** The shapes of the topology's parts; the values live beside this file, one module per concern. */

export type { TableSpec } from '../../functions/adapters/dynamodb/gateway-table';

export interface QueueSpec {
  readonly name: string;
  readonly fifo: true;
  readonly visibilityTimeoutSeconds: number;
  /** Receives before SQS moves a message to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
  readonly deadLetterQueue: string;
}

export interface DeadLetterQueueSpec {
  readonly name: string;
  readonly fifo: true;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionDays: number;
}

/** How the gateway treats one outbound endpoint: quotas, timeouts, when to stop calling it. */
export interface EndpointSpec {
  /** Calls in flight at once from one function instance. */
  readonly maxConcurrentCalls: number;
  readonly timeoutMs: number;
  /** Consecutive transient failures that open the breaker, and how long it stays open. */
  readonly circuitBreaker: { readonly failureThreshold: number; readonly openSeconds: number };
}

/**
 * What a function touches on AWS, declared so that its IAM role can be derived (infra/aws
 * grants exactly this and nothing else). Names refer to this file's tables and queues.
 */
export interface FunctionAccess {
  /**
   * Tables it reads, or reads and writes; `scans` also grants Scan of the table (not its
   * indexes), which only a bounded background sample should need.
   */
  readonly tables?: readonly {
    readonly table: string;
    readonly mode: 'read' | 'read-write';
    readonly scans?: true;
  }[];
  /** Queues it sends messages to. */
  readonly sendsTo?: readonly string[];
  /** Queues it receives from, deletes from and delays messages on (its queue trigger). */
  readonly consumes?: readonly string[];
  /** Queues whose depth it reads (the admin API's queue overview). */
  readonly monitors?: readonly string[];
  /** Reads the gateway secret (signing keys, national portal account) at cold start. */
  readonly readsSecrets?: boolean;
  /**
   * Serves the console: gets the people's sign-in settings (CONSOLE_*) and may read the one
   * secret holding the console client's secret at the identity provider.
   */
  readonly servesConsole?: true;
  /**
   * Uses the secret-sealing key (connected systems' webhook signing secrets, issue 19): `seal`
   * encrypts and decrypts (registers and rotates), `open` only decrypts (signs webhooks).
   */
  readonly sealsSecrets?: 'seal' | 'open';
}

interface FunctionBase {
  readonly name: string;
  /** Module under functions/handlers that exports both the factory and the Lambda `handler`. */
  readonly entry: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Bundle budget checked by the infra tests and the benchmarks. */
  readonly bundleBudgetKb: number;
  readonly access: FunctionAccess;
}

export interface ApiFunctionSpec extends FunctionBase {
  readonly trigger: { readonly kind: 'http' };
}

export interface QueueFunctionSpec extends FunctionBase {
  readonly trigger: {
    readonly kind: 'queue';
    readonly queue: string;
    readonly batchSize: number;
    readonly maxConcurrency: number;
  };
}

export interface ScheduleFunctionSpec extends FunctionBase {
  readonly trigger: { readonly kind: 'schedule'; readonly everySeconds: number };
}

export type FunctionSpec = ApiFunctionSpec | QueueFunctionSpec | ScheduleFunctionSpec;

/** A token bucket: up to `burst` requests at once, refilled at `perSecond`. */
export interface RateLimitSpec {
  readonly burst: number;
  readonly perSecond: number;
}

export interface SecuritySpec {
  readonly tokenLifetimeSeconds: number;
  readonly clientStatusMaxAgeSeconds: number;
  readonly rateLimits: {
    readonly perClient: RateLimitSpec;
    readonly perAddress: RateLimitSpec;
    readonly tokenEndpointPerAddress: RateLimitSpec;
  };
  readonly json: { readonly maxDepth: number; readonly maxMembers: number; readonly maxStringLength: number };
  readonly requestTimeoutMs: number;
  readonly pushToleranceSeconds: number;
}

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'ANY';
  readonly path: string;
  readonly function: string;
}

/** The payment timings the runtime's PaymentSettings take as they are, and the poller's sizes. */
export interface PaymentsSpec extends Omit<PaymentSettings, 'partnerCode' | 'secrets'> {
  /** Partitions of the status poller's list (on the `pending` index, as PAYDUE#<n>). */
  readonly dueShards: number;
  /** Payments one poller run looks at. */
  readonly pollLimit: number;
}

export interface DeadlinesSpec {
  readonly dueSoonWorkingDays: number;
  readonly pausedStatuses: readonly DossierStatus[];
  readonly watchLimit: number;
}

/** Drift check (issue 11): how much one run reads and asks of the portal. */
export interface DriftCheckSpec {
  /** Synced dossiers taken per run from the rolling scan of the table. */
  readonly sampleSize: number;
  /** Items one Scan page evaluates, and pages per run: the read cost's bound. */
  readonly scanPageSize: number;
  readonly maxScanPages: number;
  /** Open and re-synced findings looked at again in every run. */
  readonly recheckLimit: number;
  /** TraCuuHoSo calls in flight at once. */
  readonly concurrency: number;
}

/** Operating connected systems' webhook endpoints (issue 19). */
export interface EndpointOperationsSpec {
  /** How long a message to a paused system stays hidden before the relay looks again. */
  readonly pauseRecheckSeconds: number;
  /**
   * After this many receives while its system is paused, a message goes round again as a fresh
   * queue message, so its receive count never reaches the queue's maxReceiveCount: a pause never
   * turns into a dead letter or a parked message. Below every province queue's maxReceiveCount.
   */
  readonly pausedRequeueAfterReceives: number;
  /**
   * For this long after a resume, a message of the system that would wait for its predecessor
   * goes round the queue again instead of waiting in place: the pause's rounds may have left a
   * dossier's messages out of order in their FIFO group, where a waiting head would block the
   * predecessor behind it.
   */
  readonly resumeSettleMinutes: number;
  /** A system is flagged as failing once every delivery attempt has failed for this long. */
  readonly failingAfterMinutes: number;
  /** Delivery-log entries expire (TTL) this many days after the attempt. */
  readonly deliveryLogDays: number;
}
