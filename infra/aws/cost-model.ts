import { type DriftCheckSpec, type FunctionSpec, topology } from '../topology';
import type { GatewaySpec } from './gateway-stack';

/**
 * List prices in USD, US East (N. Virginia), from each service's pricing page on
 * aws.amazon.com (…/lambda/pricing, …/api-gateway/pricing, …/sqs/pricing, …/dynamodb/pricing
 * on-demand after the November 2024 reduction, …/cloudwatch/pricing, …/xray/pricing,
 * …/secrets-manager/pricing, …/kms/pricing, …/eventbridge/pricing, …/cognito/pricing), as published in 2025.
 * First paid tier, no free tier. Asia Pacific (Singapore), the region nearest Vietnam,
 * lists several of these higher: pass another table to price it.
 */
export const unitPrices = {
  lambdaRequest: 0.2 / 1e6,
  /** arm64, per GB-second. */
  lambdaArmGbSecond: 0.0000133334,
  httpApiRequest: 1.0 / 1e6,
  sqsFifoRequest: 0.5 / 1e6,
  dynamoDbWriteRequestUnit: 0.625 / 1e6,
  dynamoDbReadRequestUnit: 0.125 / 1e6,
  cloudWatchLogsIngestedGb: 0.5,
  xRayTraceRecorded: 5.0 / 1e6,
  schedulerInvocation: 1.0 / 1e6,
  secretPerMonth: 0.4,
  /** The console's user pool is on the Plus plan (threat protection), which has no free tier. */
  cognitoPlusMonthlyActiveUser: 0.02,
  kmsKeyPerMonth: 1.0,
  alarmMetricPerMonth: 0.1,
  dashboardPerMonth: 3.0,
} as const;

/**
 * What one dossier does to the gateway, on average. These are assumptions, not measurements:
 * replace them with CloudWatch figures once a province is live.
 */
export const dossierProfile = {
  /** The dossier itself and its status changes: received → processing → resolved → returned. */
  messagesPerDossier: 4,
  /** GET /v1/dossiers/{code} calls by the provincial system. */
  lookupsPerDossier: 2,
  acceptDurationMs: 80,
  lookupDurationMs: 40,
  /** Dominated by the national portal's round trip. */
  relayDurationMsPerMessage: 400,
  /**
   * Messages per relay invocation. Dossiers trickle in over the working day, so batches hold
   * one message far more often than the topology's batch size; 1 is the costly case.
   */
  messagesPerRelayBatch: 1,
  /**
   * DynamoDB request units, from functions/adapters/dynamodb-dossier-store.ts with ~3 KB
   * message items: accepting reads the history (strongly consistent query) and puts the item
   * (the `pending` index copies it); relaying reads progress and message, moves progress and
   * marks the message delivered (which also deletes its index entry).
   */
  acceptReadUnits: 2,
  acceptWriteUnits: 6,
  lookupReadUnits: 3,
  relayReadUnits: 2,
  relayWriteUnits: 7,
  /**
   * Indicator moments (ADR 10): a small idempotent item when a dossier is received and when it
   * finishes, each one write unit.
   */
  indicatorWritesPerDossier: 2,
  logKbPerInvocation: 1.5,
  /** Every invocation is traced while traffic stays under X-Ray's default reservoir of 1 request/s. */
  tracesPerInvocation: 1,
  /** Average run of a scheduled function that finds nothing to do. */
  idleScheduleDurationMs: 150,
  /**
   * Schedules that work on every run: the drift check makes up to sampleSize + recheckLimit
   * look-ups, two at a time, at ~300 ms each.
   */
  scheduleDurationMs: { 'drift-check': 15_000 } as Readonly<Record<string, number>>,
  /** Average item the drift check's Scan evaluates (messages with payloads, progress, others). */
  driftScanItemKb: 2,
  /** Long polls the Lambda event source mapping keeps open on each queue, each ~3 a minute when idle. */
  idlePollsPerQueuePerMinute: 15,
} as const;

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  /** What the quantity counts, singular: `request`, `GB-second`. */
  readonly unit: string;
  /** USD per unit. */
  readonly unitPrice: number;
  readonly cost: number;
}

function line(item: string, quantity: number, unit: string, unitPrice: number): CostLine {
  return { item, quantity, unit, unitPrice, cost: quantity * unitPrice };
}

const plural = (unit: string) => (unit === 'GB' ? unit : `${unit}s`);

function gbSeconds(fn: FunctionSpec, invocations: number, durationMs: number): number {
  return invocations * (durationMs / 1000) * (fn.memoryMb / 1024);
}

/** The HTTP function that accepts messages, and the queues and consumers its messages travel through. */
function messagePaths(spec: GatewaySpec) {
  const ingress = spec.functions.find((fn) => fn.trigger.kind === 'http');
  if (!ingress) throw new Error('the topology has no HTTP function');
  const hops = (ingress.access.sendsTo ?? []).map((queue) => {
    const consumer = spec.functions.find((fn) => fn.trigger.kind === 'queue' && fn.trigger.queue === queue);
    if (!consumer) throw new Error(`no function consumes ${queue}`);
    return { queue, consumer };
  });
  return { ingress, hops };
}

/** Costs that grow with traffic: a million dossiers, every hop of every message. */
export function costPerMillionDossiers(
  spec: GatewaySpec = topology,
  profile = dossierProfile,
  prices = unitPrices,
): CostLine[] {
  const dossiers = 1e6;
  const { ingress, hops } = messagePaths(spec);
  const messages = dossiers * profile.messagesPerDossier;
  const lookups = dossiers * profile.lookupsPerDossier;
  const ingressInvocations = messages + lookups;
  const relayInvocations = (messages / profile.messagesPerRelayBatch) * hops.length;
  const invocations = ingressInvocations + relayInvocations;
  const computeSeconds =
    gbSeconds(ingress, messages, profile.acceptDurationMs) +
    gbSeconds(ingress, lookups, profile.lookupDurationMs) +
    hops.reduce(
      (sum, { consumer }) =>
        sum +
        gbSeconds(
          consumer,
          messages / profile.messagesPerRelayBatch,
          profile.relayDurationMsPerMessage * profile.messagesPerRelayBatch,
        ),
      0,
    );
  // Send per message; receive and delete-batch per relay batch.
  const queueRequests = hops.length * (messages + 2 * (messages / profile.messagesPerRelayBatch));
  const readUnits =
    messages * profile.acceptReadUnits +
    lookups * profile.lookupReadUnits +
    hops.length * messages * profile.relayReadUnits;
  const writeUnits =
    messages * profile.acceptWriteUnits +
    hops.length * messages * profile.relayWriteUnits +
    dossiers * profile.indicatorWritesPerDossier;

  return [
    line('API Gateway HTTP API requests', ingressInvocations, 'request', prices.httpApiRequest),
    line('Lambda requests', invocations, 'request', prices.lambdaRequest),
    line('Lambda compute (arm64)', computeSeconds, 'GB-second', prices.lambdaArmGbSecond),
    line('SQS FIFO requests', queueRequests, 'request', prices.sqsFifoRequest),
    line('DynamoDB writes (on demand)', writeUnits, 'write request unit', prices.dynamoDbWriteRequestUnit),
    line('DynamoDB reads (on demand)', readUnits, 'read request unit', prices.dynamoDbReadRequestUnit),
    line(
      'CloudWatch Logs ingestion',
      (invocations * profile.logKbPerInvocation) / (1024 * 1024),
      'GB',
      prices.cloudWatchLogsIngestedGb,
    ),
    line('X-Ray traces', invocations * profile.tracesPerInvocation, 'trace', prices.xRayTraceRecorded),
  ];
}

/** People of an IT centre who sign in to the console in a month (an assumption, like the dossier profile). */
const consolePeoplePerMonth = 10;

/**
 * Costs the stack has every month, with or without traffic, with its default Cognito user pool
 * (a province's own issuer instead saves the pool and the copy of its client secret).
 */
export function fixedMonthlyCost(
  spec: GatewaySpec = topology,
  profile = dossierProfile,
  prices = unitPrices,
  drift: DriftCheckSpec = topology.driftCheck,
): CostLine[] {
  const minutesPerMonth = 30 * 24 * 60;
  const scheduleRuns = spec.functions.flatMap((fn) =>
    fn.trigger.kind === 'schedule' ? [{ fn, runs: (minutesPerMonth * 60) / fn.trigger.everySeconds }] : [],
  );
  const runs = scheduleRuns.reduce((sum, { runs: count }) => sum + count, 0);
  const driftRuns = scheduleRuns.find(({ fn }) => fn.name === 'drift-check')?.runs ?? 0;
  // An eventually consistent Scan costs half a read unit per 4 KB of items evaluated.
  const driftScanReadUnits =
    (driftRuns * drift.scanPageSize * drift.maxScanPages * profile.driftScanItemKb) / 4 / 2;
  // Billed per metric an alarm watches (gateway-alarms.ts): depth and age per DLQ, age per
  // queue, errors and throttles per function, the API 5xx rate (two metrics) and the three
  // alarmed business metrics.
  const alarmMetrics = 2 * spec.deadLetterQueues.length + spec.queues.length + 2 * spec.functions.length + 5;
  return [
    line('KMS keys (data, alarm topic)', 2, 'key-month', prices.kmsKeyPerMonth),
    line('Secrets Manager secrets (gateway, console client)', 2, 'secret-month', prices.secretPerMonth),
    line(
      'Cognito user pool, Plus plan (console people)',
      consolePeoplePerMonth,
      'monthly active user',
      prices.cognitoPlusMonthlyActiveUser,
    ),
    line('CloudWatch alarm metrics', alarmMetrics, 'alarm metric-month', prices.alarmMetricPerMonth),
    line('CloudWatch dashboard', 1, 'dashboard-month', prices.dashboardPerMonth),
    line('EventBridge Scheduler runs', runs, 'invocation', prices.schedulerInvocation),
    line('Lambda requests (schedules)', runs, 'request', prices.lambdaRequest),
    line(
      'Lambda compute (schedules)',
      scheduleRuns.reduce(
        (sum, { fn, runs: count }) =>
          sum + gbSeconds(fn, count, profile.scheduleDurationMs[fn.name] ?? profile.idleScheduleDurationMs),
        0,
      ),
      'GB-second',
      prices.lambdaArmGbSecond,
    ),
    line(
      'DynamoDB reads (drift-check scans)',
      driftScanReadUnits,
      'read request unit',
      prices.dynamoDbReadRequestUnit,
    ),
    line(
      'SQS polling by idle event source mappings',
      spec.functions.filter((fn) => fn.trigger.kind === 'queue').length *
        profile.idlePollsPerQueuePerMinute *
        minutesPerMonth,
      'request',
      prices.sqsFifoRequest,
    ),
  ];
}

export function totalCost(lines: readonly CostLine[]): number {
  return lines.reduce((sum, { cost }) => sum + cost, 0);
}

const money = (value: number) => `$${value.toFixed(2)}`;
const amount = (value: number, unit: string) => {
  const figure =
    value >= 1e6
      ? `${(value / 1e6).toFixed(2)} M`
      : value >= 1000
        ? `${(value / 1000).toFixed(1)} k`
        : `${Number(value.toFixed(2))}`;
  return `${figure} ${value === 1 ? unit : plural(unit)}`;
};
/** Per-request prices read better per million, as the pricing pages give them. */
const price = (unitPrice: number, unit: string) =>
  unitPrice < 0.0001 && unit !== 'GB-second'
    ? `$${(unitPrice * 1e6).toFixed(3).replace(/0$/, '')} per million ${plural(unit)}`
    : `$${unitPrice} per ${unit}`;

/** The cost tables of docs/deploy-aws.md; a test keeps that page equal to this. */
export function renderCostTables(spec: GatewaySpec = topology): string {
  const table = (lines: readonly CostLine[], totalLabel: string) =>
    [
      '| item | quantity | unit price | cost |',
      '|---|---:|---:|---:|',
      ...lines.map(
        (entry) =>
          `| ${entry.item} | ${amount(entry.quantity, entry.unit)} | ${price(entry.unitPrice, entry.unit)} | ${money(entry.cost)} |`,
      ),
      `| **${totalLabel}** | | | **${money(totalCost(lines))}** |`,
    ].join('\n');
  return [
    '**Per million dossiers** (traffic-driven):',
    '',
    table(costPerMillionDossiers(spec), 'per million dossiers'),
    '',
    '**Every month, with or without traffic:**',
    '',
    table(fixedMonthlyCost(spec), 'per month'),
  ].join('\n');
}
