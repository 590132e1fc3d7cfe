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
  readonly retentionDays: number;
}

/**
 * What a function touches on AWS, declared so that its IAM role can be derived (infra/aws
 * grants exactly this and nothing else). Names refer to this file's tables and queues.
 */
export interface FunctionAccess {
  /** Tables it reads, or reads and writes. */
  readonly tables?: readonly { readonly table: string; readonly mode: 'read' | 'read-write' }[];
  /** Queues it sends messages to. */
  readonly sendsTo?: readonly string[];
  /** Queues it receives from, deletes from and delays messages on (its queue trigger). */
  readonly consumes?: readonly string[];
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

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'ANY';
  readonly path: string;
  readonly function: string;
}

/** Environment variables every function reads; the values come from the runtime that hosts it. */
export const environment = {
  stage: 'GATEWAY_STAGE',
  tableName: 'GATEWAY_TABLE_NAME',
  queueUrlPrefix: 'GATEWAY_QUEUE_URL_',
  secretsArn: 'GATEWAY_SECRETS_ARN',
  nationalPortalUrl: 'NATIONAL_PORTAL_URL',
  tokenIssuer: 'GATEWAY_TOKEN_ISSUER',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;

const gatewayTable = {
  name: 'gateway',
  partitionKey: 'pk',
  sortKey: 'sk',
  // Sparse index of messages accepted but not yet delivered: the sweeper reads it.
  indexes: [{ name: 'pending', partitionKey: 'pendingShard', sortKey: 'pendingSince' }],
  ttlAttribute: 'expiresAt',
} as const satisfies TableSpec;

const toNationalQueue = {
  name: 'to-national.fifo',
  fifo: true,
  // Above the relay's timeout, so a slow portal call never lets a second copy in.
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 8,
  retentionDays: 14,
  deadLetterQueue: 'to-national-dlq.fifo',
} as const satisfies QueueSpec;

export const topology = {
  tables: [gatewayTable],
  queues: [toNationalQueue],
  deadLetterQueues: [{ name: 'to-national-dlq.fifo', fifo: true, retentionDays: 14 }],
  functions: [
    {
      name: 'api',
      entry: 'functions/handlers/api.ts',
      memoryMb: 512,
      timeoutSeconds: 15,
      // 587 KB minified today, ~250 KB of it zod's locale messages: @hono/zod-openapi hands the
      // whole `z` namespace to extendZodWithOpenApi, so esbuild cannot drop them (workers: ~170 KB).
      bundleBudgetKb: 640,
      trigger: { kind: 'http' },
      access: {
        tables: [{ table: gatewayTable.name, mode: 'read-write' }],
        sendsTo: [toNationalQueue.name],
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
        sendsTo: [toNationalQueue.name],
        readsSecrets: true,
      },
    },
  ],
  routes: [{ method: 'ANY', path: '/{proxy+}', function: 'api' }],
  /** How long an accepted message may wait before the sweeper re-enqueues it. */
  outbox: { staleAfterSeconds: 120, pendingShards: 8 },
} as const satisfies {
  tables: readonly TableSpec[];
  queues: readonly QueueSpec[];
  deadLetterQueues: readonly DeadLetterQueueSpec[];
  functions: readonly FunctionSpec[];
  routes: readonly RouteSpec[];
  outbox: { staleAfterSeconds: number; pendingShards: number };
};

export type Topology = typeof topology;
export type QueueName = (typeof topology.queues)[number]['name'];

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

export function findQueue(name: string): QueueSpec {
  const queue = topology.queues.find((candidate) => candidate.name === name);
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
