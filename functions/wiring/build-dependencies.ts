import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import agencyNamesFile from '../../config/agency-names.json' with { type: 'json' };
import agencyRecodingFile from '../../config/agency-recoding.json' with { type: 'json' };
import nationalReplyCodesFile from '../../config/national-reply-codes.json' with { type: 'json' };
import { nationalReplyCodesFileSchema } from '../../contracts/national-portal';
import { service } from '../../infra/topology';
import { cacheCatalogueStore } from '../adapters/cached-catalogue-store';
import { cacheCodeMappings } from '../adapters/cached-code-mappings';
import { withCatalogueNames } from '../adapters/catalogue-names';
import { createConfiguredAgencyNames } from '../adapters/configured-agency-names';
import { coalesceItemRequests } from '../adapters/dynamodb/coalesced-item-requests';
import { createDynamoDbAuditLog, createDynamoDbThroughputStats } from '../adapters/dynamodb-admin-records';
import { createDynamoDbCatalogueStore } from '../adapters/dynamodb-catalogue-store';
import { createDynamoDbClientRegistry } from '../adapters/dynamodb-client-registry';
import { createDynamoDbCodeMappings } from '../adapters/dynamodb-code-mappings';
import { createDynamoDbConnectedSystems } from '../adapters/dynamodb-connected-systems';
import { createDynamoDbDeadlineWatch } from '../adapters/dynamodb-deadline-watch';
import { createDynamoDbDossierStore } from '../adapters/dynamodb-dossier-store';
import { createDynamoDbDriftRecords } from '../adapters/dynamodb-drift-records';
import {
  createDynamoDbDeliveryLog,
  createDynamoDbEndpointPauses,
} from '../adapters/dynamodb-endpoint-operations';
import { createDynamoDbFeedbackStore } from '../adapters/dynamodb-feedback-store';
import { createDynamoDbNonceStore } from '../adapters/dynamodb-nonce-store';
import { createDynamoDbPaymentStore } from '../adapters/dynamodb-payment-store';
import { createDynamoDbReconciliationReports } from '../adapters/dynamodb-reconciliation-reports';
import { createDynamoDbScheduleRuns } from '../adapters/dynamodb-schedule-runs';
import { createDynamoDbScorecardStore } from '../adapters/dynamodb-scorecard-store';
import { createEndpointGuard } from '../adapters/endpoint-guard';
import { guardNationalPortal } from '../adapters/guarded-national-portal';
import { guardPaymentPlatform, unconfiguredPaymentPlatform } from '../adapters/guarded-payment-platform';
import { createInMemoryRateLimiter } from '../adapters/in-memory-rate-limiter';
import { createJoseAccessTokens } from '../adapters/jose-access-tokens';
import { createPaygovPaymentPlatform } from '../adapters/paygov-payment-platform';
import { createPowertoolsBusinessMetrics } from '../adapters/powertools-business-metrics';
import { createSqsMessageQueue } from '../adapters/sqs-message-queue';
import { createSqsQueueMonitor } from '../adapters/sqs-queue-monitor';
import { createStandardWebhookSender, createWebhookUrlCheck } from '../adapters/standard-webhook-sender';
import type { AdminDependencies } from '../application/admin-operations';
import type { DriftCheckSettings } from '../application/check-drift';
import { followAgencyRecoding } from '../application/follow-agency-recoding';
import { guardAccessTokens } from '../application/guard-access-tokens';
import { createConnectedSystemOperations } from '../application/manage-connected-systems';
import { createNationalCodes, namesThroughMappings } from '../application/resolve-national-codes';
import type { DeadlineWatchDependencies } from '../application/watch-deadlines';
import { createWebhookSigningSecrets } from '../application/webhook-signing-secrets';
import { loadAgencyNames } from '../core/agency-names';
import { loadAgencyRecoding } from '../core/agency-recoding';
import { vietnamDay } from '../core/vietnam-time';
import type { ApiDependencies } from '../http/api-dependencies';
import { systemClock } from '../ports/clock';
import type { NationalFeedback } from '../ports/national-feedback';
import type { WebhookSender } from '../ports/province-systems';
import type { ThroughputStats } from '../ports/queue-monitor';
import type { ScheduleRuns } from '../ports/schedule-runs';
import { buildNationalFeedback, buildNationalPortal } from './build-national-portal';
import { buildSecretSealer } from './build-secret-sealer';
import { createLogger } from './create-logger';
import type { RuntimeConfig } from './runtime-config';
import { loadScorecardRules } from './scorecard-rules';
import { loadWorkingCalendar } from './working-calendar';

/** Local emulators accept any credentials; real AWS takes them from the Lambda role. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const CONNECTED_SYSTEMS_CACHE_SECONDS = 60;
/** Every dossier is checked against the current catalogues; another function's new version shows within this. */
const CATALOGUE_CACHE_SECONDS = 60;
/** Every dossier is mapped through the tables; a change made through another function shows within this. */
const MAPPING_CACHE_SECONDS = 60;
/**
 * How long a relayed message's Put-back (and its scorecard rows) may wait for other deliveries'
 * writes to share a BatchWriteItem. The portal answers deliveries apart (four calls at once of
 * ~50 ms each: one every ~12 ms at full rate), so a same-turn batch mostly carries one message;
 * 10 ms took the BatchWriteItems per message from 0.62 to 0.47 in the bench (issue 24). It delays
 * each delivery's record by at most this, after the portal call: the portal's slots are not held.
 */
const RELAY_WRITE_LINGER_MS = 10;

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

/** Builds every dependency once per cold start, from one runtime's configuration. */
export async function buildDependencies(
  config: RuntimeConfig,
  logger?: Logger,
): Promise<GatewayDependencies> {
  const log = logger ?? createLogger({ logLevel: config.logLevel, stage: config.stage });
  const local = config.endpoints;
  const dynamodb = new DynamoDBClient({
    region: config.region,
    ...(local ? { endpoint: local.dynamodb, credentials: EMULATOR_CREDENTIALS } : {}),
  });
  const sqs = new SQSClient({
    region: config.region,
    ...(local ? { endpoint: local.sqs, credentials: EMULATOR_CREDENTIALS } : {}),
  });
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  // The relay's reads and writes of messages, progress and scorecard rows, batched per turn
  // of the event loop, its plain Puts within RELAY_WRITE_LINGER_MS (issue 24, docs/performance.md).
  const batchedDocuments = coalesceItemRequests(documents, config.tableName, {
    writeLingerMs: RELAY_WRITE_LINGER_MS,
  });
  const clientRegistry = createDynamoDbClientRegistry(documents, config.tableName);
  const connectedSystems = createDynamoDbConnectedSystems(documents, {
    tableName: config.tableName,
    cacheSeconds: CONNECTED_SYSTEMS_CACHE_SECONDS,
  });
  const sealer = buildSecretSealer(config.secretSealing, config.region);
  const audit = createDynamoDbAuditLog(documents, { tableName: config.tableName, newId: randomUUID });
  // Bundled with the function like the tables below; a bad edit stops the cold start.
  const nationalReplyCodes = nationalReplyCodesFileSchema.parse(nationalReplyCodesFile);
  const metrics = createPowertoolsBusinessMetrics({
    serviceName: service.name,
    namespace: service.metricsNamespace,
  });
  // One quota and one circuit breaker for the portal, whichever of its wires a call takes.
  const nationalGuard = createEndpointGuard({ name: 'national-portal', ...config.nationalPortal, metrics });
  const nationalPortal = guardNationalPortal(
    buildNationalPortal({
      ...config.nationalPortal,
      rejectedErrorCodes: config.nationalPortal.rejectedErrorCodes ?? nationalReplyCodes.rejected,
    }),
    nationalGuard,
  );
  const feedbackWire = buildNationalFeedback({
    ...config.nationalPortal,
    rejectedErrorCodes: config.nationalPortal.rejectedErrorCodes ?? nationalReplyCodes.rejected,
  });
  const nationalFeedback: NationalFeedback = {
    pull: () => nationalGuard.run(() => feedbackWire.pull()),
    sendReply: (reply) => nationalGuard.run(() => feedbackWire.sendReply(reply)),
  };
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
  const { dueShards, pollLimit, ...paymentTimings } = config.payments;
  const paymentPlatform = config.paymentPlatform
    ? guardPaymentPlatform(
        createPaygovPaymentPlatform(config.paymentPlatform),
        createEndpointGuard({ name: 'payment-platform', ...config.paymentPlatform, metrics }),
      )
    : unconfiguredPaymentPlatform();
  if (config.nationalPushSecrets.length === 0) {
    log.warn('national pushes are not signed: bearer token and address only (SECURITY.md)', {
      setting: 'nationalPushSecrets',
    });
  }
  // Bundled with the function (no fetch at run time); a bad edit stops the cold start here.
  const agencyRecoding = loadAgencyRecoding(agencyRecodingFile);
  const catalogues = cacheCatalogueStore(
    createDynamoDbCatalogueStore(documents, { tableName: config.tableName, newId: randomUUID }),
    { maxAgeMs: CATALOGUE_CACHE_SECONDS * 1000 },
  );
  const mappings = cacheCodeMappings(createDynamoDbCodeMappings(documents, { tableName: config.tableName }), {
    maxAgeMs: MAPPING_CACHE_SECONDS * 1000,
  });
  const nationalCodes = createNationalCodes({
    mappings,
    catalogues,
    agencyRecoding,
    names: withCatalogueNames(
      createConfiguredAgencyNames(loadAgencyNames(agencyNamesFile), config.agencyNames ?? {}),
      catalogues,
    ),
  });
  // Every reader of a unit's name or a procedure's field goes through the mappings.
  const agencyNames = namesThroughMappings(nationalCodes, () => vietnamDay(systemClock.now()));
  const rateLimiter = createInMemoryRateLimiter({ clock: systemClock });
  const tokens = guardAccessTokens(
    await createJoseAccessTokens(config.tokens),
    { clients: clientRegistry, rateLimiter, clock: systemClock },
    {
      clientStatusMaxAgeSeconds: config.security.clientStatusMaxAgeSeconds,
      perClient: config.security.rateLimits.perClient,
    },
  );
  return {
    payments: createDynamoDbPaymentStore(documents, { tableName: config.tableName, dueShards }),
    paymentPlatform,
    paymentSettings: {
      ...paymentTimings,
      partnerCode: config.paymentPlatform?.partnerCode ?? '',
      secrets: config.paymentPlatform?.secrets ?? [],
    },
    paymentPolling: { limit: pollLimit },
    reconciliationReports: createDynamoDbReconciliationReports(documents, { tableName: config.tableName }),
    metrics,
    store: createDynamoDbDossierStore(batchedDocuments, {
      tableName: config.tableName,
      pendingShards: config.outbox.pendingShards,
      retentionSeconds: config.retentionDays * 24 * 60 * 60,
    }),
    queues: {
      national: createSqsMessageQueue(sqs, config.queues.national.name, config.queues.national.url),
      province: createSqsMessageQueue(sqs, config.queues.province.name, config.queues.province.url),
    },
    nationalPortal,
    clients: clientRegistry,
    clientRegistry,
    provinceSystems: followAgencyRecoding(connectedSystems, agencyRecoding, systemClock),
    systems: createConnectedSystemOperations({
      systems: connectedSystems,
      clients: clientRegistry,
      sealer,
      audit,
      clock: systemClock,
      checkWebhookUrl: createWebhookUrlCheck({
        allowLoopbackHttp: config.provinceWebhooks.allowLoopbackHttp,
      }),
    }),
    webhooks: { send: (system, event) => webhookGuard.run(() => sender.send(system, event)) },
    nationalPushAllowList: config.nationalPushAllowList,
    tokens,
    clock: systemClock,
    newId: randomUUID,
    random: Math.random,
    logger: log,
    maxBodyBytes: config.maxBodyBytes,
    security: {
      rateLimiter,
      perAddress: config.security.rateLimits.perAddress,
      tokenEndpointPerAddress: config.security.rateLimits.tokenEndpointPerAddress,
      json: config.security.json,
      requestTimeoutMs: config.security.requestTimeoutMs,
      nationalPush: {
        secrets: config.nationalPushSecrets,
        toleranceSeconds: config.security.pushToleranceSeconds,
        nonces: createDynamoDbNonceStore(documents, { tableName: config.tableName, clock: systemClock }),
      },
    },
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
    calendar: loadWorkingCalendar(),
    deadlines: config.deadlines,
    agencyRecoding,
    agencyNames,
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
    catalogues,
    mappings,
    nationalCodes,
    deliveryLog: createDynamoDbDeliveryLog(documents, {
      tableName: config.tableName,
      retentionDays: config.endpointOperations.deliveryLogDays,
    }),
    endpointPauses: createDynamoDbEndpointPauses(documents, { tableName: config.tableName }),
    endpointOperations: config.endpointOperations,
    feedback: createDynamoDbFeedbackStore(documents, {
      tableName: config.tableName,
      retentionSeconds: config.retentionDays * 24 * 60 * 60,
    }),
    nationalFeedback,
  };
}
