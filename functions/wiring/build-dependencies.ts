import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createDynamoDbAuditLog, createDynamoDbThroughputStats } from '../adapters/dynamodb-admin-records';
import type { createDynamoDbClientRegistry } from '../adapters/dynamodb-client-registry';
import { createDynamoDbDeadlineWatch } from '../adapters/dynamodb-deadline-watch';
import { createDynamoDbDriftRecords } from '../adapters/dynamodb-drift-records';
import {
  createDynamoDbDeliveryLog,
  createDynamoDbEndpointPauses,
} from '../adapters/dynamodb-endpoint-operations';
import { createDynamoDbReconciliationReports } from '../adapters/dynamodb-reconciliation-reports';
import { createDynamoDbScheduleRuns } from '../adapters/dynamodb-schedule-runs';
import { createDynamoDbScorecardStore } from '../adapters/dynamodb-scorecard-store';
import { createEndpointGuard } from '../adapters/endpoint-guard';
import { createSqsQueueMonitor } from '../adapters/sqs-queue-monitor';
import { createStandardWebhookSender, createWebhookUrlCheck } from '../adapters/standard-webhook-sender';
import type { AdminDependencies } from '../application/admin-operations';
import type { DriftCheckSettings } from '../application/check-drift';
import { createConnectedSystemOperations } from '../application/manage-connected-systems';
import type { DeadlineWatchDependencies } from '../application/watch-deadlines';
import { createWebhookSigningSecrets } from '../application/webhook-signing-secrets';
import type { ApiDependencies } from '../http/api-dependencies';
import { systemClock } from '../ports/clock';
import type { NationalFeedback } from '../ports/national-feedback';
import type { WebhookSender } from '../ports/province-systems';
import type { ThroughputStats } from '../ports/queue-monitor';
import type { ScheduleRuns } from '../ports/schedule-runs';
import {
  buildCallerParts,
  buildFoundation,
  composeSharedParts,
  type Foundation,
} from './build-api-dependencies';
import { buildSecretSealer } from './build-secret-sealer';
import type { RuntimeConfig } from './runtime-config';
import { loadScorecardRules } from './scorecard-rules';

export type GatewayDependencies = Omit<ApiDependencies, 'remoteAddress' | 'schedules'> &
  AdminDependencies &
  Pick<DeadlineWatchDependencies, 'deadlineWatch' | 'calendar'> & {
    readonly deadlines: RuntimeConfig['deadlines'];
    readonly throughput: ThroughputStats;
    readonly scheduleRuns: ScheduleRuns;
    readonly random: () => number;
    readonly outbox: RuntimeConfig['outbox'];
    readonly retryPolicy: RuntimeConfig['retryPolicy'];
    readonly paymentPolling: { readonly limit: number };
    readonly clientRegistry: ReturnType<typeof createDynamoDbClientRegistry>;
    readonly webhooks: WebhookSender;
    readonly aws: { readonly dynamodb: DynamoDBClient; readonly sqs: SQSClient };
    readonly driftCheck: DriftCheckSettings;
    /** The national portal's feedback wire (issue 23). */
    readonly nationalFeedback: NationalFeedback;
  };

/** What an HTTP function checks of its callers; the workers take no calls. */
type CallerDependencies = 'tokens' | 'security' | 'nationalPushAllowList' | 'maxBodyBytes';

/** Every dependency but the callers' checks: what the workers are built with. */
export type WorkerDependencies = Omit<GatewayDependencies, CallerDependencies>;

/** The shared parts and the operators' and workers' own: every part but the callers' checks. */
function buildWorkerParts(foundation: Foundation): WorkerDependencies {
  const { config, dynamodb, sqs, documents, metrics } = foundation;
  const { connectedSystems, batchedDocuments, ...shared } = composeSharedParts(foundation);
  const sealer = buildSecretSealer(config.secretSealing, config.region);
  const audit = createDynamoDbAuditLog(documents, { tableName: config.tableName, newId: randomUUID });
  const webhookGuard = createEndpointGuard({
    name: 'province-webhooks',
    ...config.provinceWebhooks,
    metrics,
  });
  const sender = createStandardWebhookSender({
    secrets: createWebhookSigningSecrets(
      { sealer, clock: systemClock },
      (clientId) => config.provinceWebhooks.secrets[clientId] ?? [],
    ),
    timeoutMs: config.provinceWebhooks.timeoutMs,
    allowLoopbackHttp: config.provinceWebhooks.allowLoopbackHttp,
  });
  return {
    ...shared,
    reconciliationReports: createDynamoDbReconciliationReports(documents, { tableName: config.tableName }),
    systems: createConnectedSystemOperations({
      systems: connectedSystems,
      clients: shared.clientRegistry,
      sealer,
      audit,
      clock: systemClock,
      checkWebhookUrl: createWebhookUrlCheck({
        allowLoopbackHttp: config.provinceWebhooks.allowLoopbackHttp,
      }),
    }),
    webhooks: { send: (system, event) => webhookGuard.run(() => sender.send(system, event)) },
    random: Math.random,
    outbox: config.outbox,
    retryPolicy: config.retryPolicy,
    audit,
    throughput: createDynamoDbThroughputStats(documents, { tableName: config.tableName }),
    scorecard: createDynamoDbScorecardStore(batchedDocuments, { tableName: config.tableName }),
    scorecardRules: loadScorecardRules(),
    deadlineWatch: createDynamoDbDeadlineWatch(documents, {
      tableName: config.tableName,
      pendingShards: config.outbox.pendingShards,
    }),
    deadlines: config.deadlines,
    queueMonitor: createSqsQueueMonitor(sqs, [
      ...Object.values(config.queues),
      ...Object.values(config.deadLetterQueues),
    ]),
    deadLetterQueues: {
      national: config.deadLetterQueues.national.name,
      province: config.deadLetterQueues.province.name,
    },
    aws: { dynamodb, sqs },
    drift: createDynamoDbDriftRecords(documents, {
      tableName: config.tableName,
      retentionSeconds: config.retentionDays * 24 * 60 * 60,
    }),
    driftCheck: config.driftCheck,
    scheduleRuns: createDynamoDbScheduleRuns(documents, { tableName: config.tableName }),
    deliveryLog: createDynamoDbDeliveryLog(documents, {
      tableName: config.tableName,
      retentionDays: config.endpointOperations.deliveryLogDays,
    }),
    endpointPauses: createDynamoDbEndpointPauses(documents, { tableName: config.tableName }),
    endpointOperations: config.endpointOperations,
  };
}

/** The workers' dependencies, once per cold start: no access tokens or callers' limits. */
export async function buildWorkerDependencies(
  config: RuntimeConfig,
  logger?: Logger,
): Promise<WorkerDependencies> {
  return buildWorkerParts(buildFoundation(config, logger));
}

/** Builds every dependency once per cold start, from one runtime's configuration. */
export async function buildDependencies(
  config: RuntimeConfig,
  logger?: Logger,
): Promise<GatewayDependencies> {
  const foundation = buildFoundation(config, logger);
  const workers = buildWorkerParts(foundation);
  return { ...workers, ...(await buildCallerParts(foundation, workers.clientRegistry)) };
}
