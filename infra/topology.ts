import type { DossierStatus } from '../contracts/dossier-status';

/**
 * The one description of the system. The CDK stack (infra/aws) and the local runtime
 * (infra/local) are both built from this object, so a table, queue, function, route,
 * schedule or environment variable is named here and nowhere else.
 */

export interface TableSpec {
  /** Logical name; the physical name gets the stage prefix. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly indexes: readonly {
    readonly name: string;
    readonly partitionKey: string;
    readonly sortKey: string;
  }[];
  readonly ttlAttribute: string;
}

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

export interface PaymentsSpec {
  readonly lifetimeSeconds: number;
  readonly initiationTimeoutSeconds: number;
  readonly queryAfterSeconds: number;
  readonly queryEverySeconds: number;
  readonly relayRecoveryAfterSeconds: number;
  readonly callbackClockSkewSeconds: number;
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

/** Environment variables every function reads; the values come from the runtime that hosts it. */
export const environment = {
  stage: 'GATEWAY_STAGE',
  tableName: 'GATEWAY_TABLE_NAME',
  queueUrlPrefix: 'GATEWAY_QUEUE_URL_',
  secretsArn: 'GATEWAY_SECRETS_ARN',
  nationalPortalUrl: 'NATIONAL_PORTAL_URL',
  tokenIssuer: 'GATEWAY_TOKEN_ISSUER',
  nationalPushAllowList: 'NATIONAL_PUSH_ALLOWED_IPS',
  nationalTransports: 'NATIONAL_TRANSPORTS',
  nationalLgspUrl: 'NATIONAL_LGSP_URL',
  paymentPlatformUrl: 'PAYMENT_PLATFORM_URL',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;

const gatewayTable = {
  name: 'gateway',
  partitionKey: 'pk',
  sortKey: 'sk',
  // Sparse index of messages accepted but not yet delivered: the sweeper reads it.
  // Sparse indexes: messages accepted but not yet delivered (read by the sweeper), and
  // parked messages newest first per queue (read by the admin API).
  indexes: [
    { name: 'pending', partitionKey: 'pendingShard', sortKey: 'pendingSince' },
    { name: 'failed', partitionKey: 'failedQueue', sortKey: 'failedAt' },
  ],
  ttlAttribute: 'expiresAt',
} as const satisfies TableSpec;

const toNationalQueue = {
  name: 'to-national.fifo',
  fifo: true,
  // Above the relay's timeout, so a slow portal call never lets a second copy in.
  visibilityTimeoutSeconds: 60,
  // With the retry policy's backoff (capped at 15 min) 20 receives ride out about 1.5 h of
  // portal outage before a message is parked for an administrator.
  maxReceiveCount: 20,
  retentionDays: 14,
  deadLetterQueue: 'to-national-dlq.fifo',
} as const satisfies QueueSpec;

const toProvinceQueue = {
  name: 'to-province.fifo',
  fifo: true,
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 20,
  retentionDays: 14,
  deadLetterQueue: 'to-province-dlq.fifo',
} as const satisfies QueueSpec;

// Dead letters stay as long as SQS allows, so an outage can be fixed before anything expires.
const deadLetterQueues = [
  { name: 'to-national-dlq.fifo', fifo: true, visibilityTimeoutSeconds: 60, retentionDays: 14 },
  { name: 'to-province-dlq.fifo', fifo: true, visibilityTimeoutSeconds: 60, retentionDays: 14 },
] as const satisfies readonly DeadLetterQueueSpec[];

export const topology = {
  tables: [gatewayTable],
  queues: [toNationalQueue, toProvinceQueue],
  deadLetterQueues,
  functions: [
    {
      name: 'api',
      entry: 'functions/handlers/api.ts',
      memoryMb: 512,
      timeoutSeconds: 15,
      // ~810 KB minified with the admin console, indicators, drift findings and the agency re-coding table,
      // ~250 KB of it zod's locale messages: @hono/zod-openapi hands the whole `z` namespace to
      // extendZodWithOpenApi, so esbuild cannot drop them (the workers, without it, stay near
      // 250 KB). Over the 400 KB target; see the README's benchmark notes.
      bundleBudgetKb: 860,
      trigger: { kind: 'http' },
      access: {
        tables: [{ table: gatewayTable.name, mode: 'read-write' }],
        // Provincial messages go to the national queue, national pushes to the provincial one;
        // admin replays go to either.
        sendsTo: [toNationalQueue.name, toProvinceQueue.name],
        monitors: [
          toNationalQueue.name,
          toProvinceQueue.name,
          ...deadLetterQueues.map((queue) => queue.name),
        ],
        readsSecrets: true,
      },
    },
    {
      name: 'national-relay',
      entry: 'functions/handlers/national-relay.ts',
      memoryMb: 256,
      timeoutSeconds: 45,
      bundleBudgetKb: 400,
      trigger: { kind: 'queue', queue: toNationalQueue.name, batchSize: 10, maxConcurrency: 4 },
      access: {
        tables: [{ table: gatewayTable.name, mode: 'read-write' }],
        consumes: [toNationalQueue.name],
        // Releasing messages held behind a replayed one puts them back on the queue.
        sendsTo: [toNationalQueue.name],
        readsSecrets: true,
      },
    },
    {
      name: 'province-relay',
      entry: 'functions/handlers/province-relay.ts',
      memoryMb: 256,
      timeoutSeconds: 45,
      bundleBudgetKb: 400,
      trigger: { kind: 'queue', queue: toProvinceQueue.name, batchSize: 10, maxConcurrency: 4 },
      access: {
        tables: [{ table: gatewayTable.name, mode: 'read-write' }],
        consumes: [toProvinceQueue.name],
        sendsTo: [toProvinceQueue.name],
        // Webhook signing secrets live in the gateway secret.
        readsSecrets: true,
      },
    },
    {
      name: 'national-dead-letters',
      entry: 'functions/handlers/dead-letter-recorder.ts',
      memoryMb: 256,
      timeoutSeconds: 30,
      bundleBudgetKb: 400,
      // Lambda's lowest maxConcurrency for SQS sources is 2.
      trigger: { kind: 'queue', queue: 'to-national-dlq.fifo', batchSize: 10, maxConcurrency: 2 },
      access: {
        tables: [{ table: gatewayTable.name, mode: 'read-write' }],
        consumes: ['to-national-dlq.fifo'],
        readsSecrets: true,
      },
    },
    {
      name: 'province-dead-letters',
      entry: 'functions/handlers/dead-letter-recorder.ts',
      memoryMb: 256,
      timeoutSeconds: 30,
      bundleBudgetKb: 400,
      trigger: { kind: 'queue', queue: 'to-province-dlq.fifo', batchSize: 10, maxConcurrency: 2 },
      access: {
        tables: [{ table: gatewayTable.name, mode: 'read-write' }],
        consumes: ['to-province-dlq.fifo'],
        readsSecrets: true,
      },
    },
    {
      name: 'outbox-sweeper',
      entry: 'functions/handlers/outbox-sweeper.ts',
      memoryMb: 256,
      timeoutSeconds: 60,
      bundleBudgetKb: 400,
      trigger: { kind: 'schedule', everySeconds: 60 },
      access: {
        // Reads the pending index and the messages; re-enqueuing writes nothing to the table.
        tables: [{ table: gatewayTable.name, mode: 'read' }],
        sendsTo: [toNationalQueue.name, toProvinceQueue.name],
        readsSecrets: true,
      },
    },
    {
      // Missed callbacks: QUERY the platform about payments whose callback never came.
      name: 'payment-status-poller',
      entry: 'functions/handlers/payment-status-poller.ts',
      memoryMb: 256,
      timeoutSeconds: 60,
      bundleBudgetKb: 400,
      trigger: { kind: 'schedule', everySeconds: 60 },
      access: {
        tables: [{ table: gatewayTable.name, mode: 'read-write' }],
        // A settled payment is relayed to the province and the portal.
        sendsTo: [toNationalQueue.name, toProvinceQueue.name],
        readsSecrets: true,
      },
    },
    {
      // Đối soát of the previous Vietnam day; also run on demand by an admin.
      name: 'payment-reconciliation',
      entry: 'functions/handlers/payment-reconciliation.ts',
      memoryMb: 512,
      timeoutSeconds: 300,
      bundleBudgetKb: 400,
      trigger: { kind: 'schedule', everySeconds: 86_400 },
      access: {
        tables: [{ table: gatewayTable.name, mode: 'read-write' }],
        // A settled payment is relayed to the province and the portal.
        sendsTo: [toNationalQueue.name, toProvinceQueue.name],
        readsSecrets: true,
      },
    },
    {
      // Due-soon and overdue notices to the owning province (issue 11), once per promised date.
      name: 'deadline-watch',
      entry: 'functions/handlers/deadline-watch.ts',
      memoryMb: 256,
      timeoutSeconds: 120,
      bundleBudgetKb: 400,
      trigger: { kind: 'schedule', everySeconds: 900 },
      access: {
        tables: [{ table: gatewayTable.name, mode: 'read-write' }],
        sendsTo: [toProvinceQueue.name],
        readsSecrets: true,
      },
    },
    {
      // Drift check: TraCuuHoSo on a rolling sample of synced dossiers, against what was delivered.
      name: 'drift-check',
      entry: 'functions/handlers/drift-check.ts',
      memoryMb: 256,
      // Above (sampleSize + recheckLimit) / concurrency look-ups at the portal's 10 s timeout.
      timeoutSeconds: 600,
      bundleBudgetKb: 400,
      trigger: { kind: 'schedule', everySeconds: 3600 },
      access: {
        // Reads progress and messages; writes findings, run reports and the sample's position.
        // Sends nothing: a re-sync is an administrator's decision, made through the API.
        tables: [{ table: gatewayTable.name, mode: 'read-write', scans: true }],
        readsSecrets: true,
      },
    },
  ],
  routes: [{ method: 'ANY', path: '/{proxy+}', function: 'api' }],
  /** Exponential backoff with full jitter between deliveries of a failing message. */
  retry: { baseSeconds: 2, capSeconds: 900 },
  /** How long an accepted message may wait before the sweeper re-enqueues it. */
  outbox: { staleAfterSeconds: 120, pendingShards: 8 },
  /** Payments (issue 6): how long a payer has, when a missing callback is chased with QUERY. */
  payments: {
    lifetimeSeconds: 900,
    // Above the platform endpoint's timeout: an INIT younger than this may still be in flight.
    initiationTimeoutSeconds: 30,
    queryAfterSeconds: 300,
    queryEverySeconds: 300,
    relayRecoveryAfterSeconds: 30,
    callbackClockSkewSeconds: 600,
    dueShards: 4,
    pollLimit: 500,
  },
  /**
   * Deadlines (issue 11): a dossier is due soon when its promised date falls within this many
   * working days (config/working-calendar.json), and its clock stops while it waits for the
   * citizen (supplementary documents, payment): no notice goes out then.
   */
  deadlines: {
    dueSoonWorkingDays: 1,
    pausedStatuses: ['awaiting_supplement', 'awaiting_payment'],
    /** Dossiers one watch run looks at; the rest wait for the next run. */
    watchLimit: 1000,
  },
  /**
   * Drift check (issue 11). An hourly run reads at most scanPageSize x maxScanPages items
   * (~2,000 x ~2 KB: ~500 read request units) and makes at most sampleSize + recheckLimit
   * look-ups, two at a time so the relay keeps most of the province's portal quota.
   */
  driftCheck: { sampleSize: 50, scanPageSize: 500, maxScanPages: 4, recheckLimit: 50, concurrency: 2 },
  /**
   * Security bounds (issue 9, SECURITY.md): how long a token lives, how soon a disabled client
   * is refused, abuse limits per caller, and the replay window of signed national pushes.
   */
  security: {
    tokenLifetimeSeconds: 900,
    /** A disabled client's valid tokens are refused within this bound (the status cache's age). */
    clientStatusMaxAgeSeconds: 30,
    rateLimits: {
      /** Per authenticated client, per function instance: a burst, then a steady rate. */
      perClient: { burst: 100, perSecond: 20 },
      /** Per caller address, before authentication: everything, and the token endpoint (scrypt). */
      perAddress: { burst: 200, perSecond: 50 },
      tokenEndpointPerAddress: { burst: 20, perSecond: 1 },
    },
    /** The shape of a JSON body, checked after its size and before any schema walks it. */
    json: { maxDepth: 16, maxMembers: 1000, maxStringLength: 10_000 },
    /** Below the API function's timeout, so the caller gets a problem+json, not API Gateway's 503. */
    requestTimeoutMs: 10_000,
    /** Signed national pushes: how far webhook-timestamp may be from now, either way. */
    pushToleranceSeconds: 300,
  },
  /**
   * Messages, failed records and replay nonces carry `expiresAt` (the table's ttlAttribute), in
   * epoch seconds, this long after they are written; DynamoDB TTL then deletes them.
   */
  retention: { days: 400 },
  endpoints: {
    // The portal's quota is per province account; four calls at once per instance, with the
    // relay's maxConcurrency of 4, keeps the province under 16 concurrent calls.
    nationalPortal: {
      maxConcurrentCalls: 4,
      timeoutMs: 10_000,
      circuitBreaker: { failureThreshold: 5, openSeconds: 30 },
    },
    provinceWebhooks: {
      maxConcurrentCalls: 8,
      timeoutMs: 10_000,
      circuitBreaker: { failureThreshold: 5, openSeconds: 30 },
    },
    paymentPlatform: {
      maxConcurrentCalls: 8,
      timeoutMs: 10_000,
      circuitBreaker: { failureThreshold: 5, openSeconds: 30 },
    },
  },
} as const satisfies {
  tables: readonly TableSpec[];
  queues: readonly QueueSpec[];
  deadLetterQueues: readonly DeadLetterQueueSpec[];
  functions: readonly FunctionSpec[];
  routes: readonly RouteSpec[];
  retry: { baseSeconds: number; capSeconds: number };
  outbox: { staleAfterSeconds: number; pendingShards: number };
  payments: PaymentsSpec;
  deadlines: DeadlinesSpec;
  driftCheck: DriftCheckSpec;
  endpoints: Record<string, EndpointSpec>;
  security: SecuritySpec;
  retention: { days: number };
};

export type Topology = typeof topology;

/** The env var that carries a queue's URL, e.g. GATEWAY_QUEUE_URL_TO_NATIONAL. */
export function queueUrlVariable(queueName: string): string {
  return (
    environment.queueUrlPrefix +
    queueName
      .replace(/\.fifo$/, '')
      .replace(/-/g, '_')
      .toUpperCase()
  );
}

/** A queue or dead-letter queue by name; only the former has a redrive policy. */
export function findQueue(name: string): QueueSpec | DeadLetterQueueSpec {
  const queue = [...topology.queues, ...topology.deadLetterQueues].find(
    (candidate) => candidate.name === name,
  );
  if (!queue) throw new Error(`topology names no queue ${name}`);
  return queue;
}

/**
 * Business metrics the functions emit (Powertools Metrics, CloudWatch embedded metric format)
 * and the AWS stack alarms on. Powertools adds one dimension, `service`, from
 * POWERTOOLS_SERVICE_NAME; the alarms match on it.
 */
export const customMetrics = {
  namespace: 'LienThongGateway',
  serviceName: 'lien-thong-gateway',
  /** Payments whose state differs between the platform's report and the gateway (đối soát). */
  reconciliationMismatches: 'ReconciliationMismatches',
  /** 1 while a circuit breaker to an external endpoint is open. */
  circuitBreakerOpen: 'CircuitBreakerOpen',
} as const;
