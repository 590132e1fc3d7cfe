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
import { createDynamoDbCatalogueStore } from '../adapters/dynamodb-catalogue-store';
import { createDynamoDbClientRegistry } from '../adapters/dynamodb-client-registry';
import { createDynamoDbCodeMappings } from '../adapters/dynamodb-code-mappings';
import { createDynamoDbConnectedSystems } from '../adapters/dynamodb-connected-systems';
import { createDynamoDbDossierStore } from '../adapters/dynamodb-dossier-store';
import { createDynamoDbFeedbackStore } from '../adapters/dynamodb-feedback-store';
import { createDynamoDbNonceStore } from '../adapters/dynamodb-nonce-store';
import { createDynamoDbPaymentStore } from '../adapters/dynamodb-payment-store';
import { createEndpointGuard } from '../adapters/endpoint-guard';
import { guardNationalPortal } from '../adapters/guarded-national-portal';
import { guardPaymentPlatform, unconfiguredPaymentPlatform } from '../adapters/guarded-payment-platform';
import { createInMemoryRateLimiter } from '../adapters/in-memory-rate-limiter';
import { createJoseAccessTokens } from '../adapters/jose-access-tokens';
import { createPaygovPaymentPlatform } from '../adapters/paygov-payment-platform';
import { createPowertoolsBusinessMetrics } from '../adapters/powertools-business-metrics';
import { createSqsMessageQueue } from '../adapters/sqs-message-queue';
import { followAgencyRecoding } from '../application/follow-agency-recoding';
import { guardAccessTokens } from '../application/guard-access-tokens';
import { createNationalCodes, namesThroughMappings } from '../application/resolve-national-codes';
import { loadAgencyNames } from '../core/agency-names';
import { type AgencyRecoding, loadAgencyRecoding } from '../core/agency-recoding';
import { vietnamDay } from '../core/vietnam-time';
import type { SystemsApiDependencies } from '../http/api-dependencies';
import { systemClock } from '../ports/clock';
import type { NationalFeedback } from '../ports/national-feedback';
import { buildNationalFeedback, buildNationalPortal } from './build-national-portal';
import { createLogger } from './create-logger';
import type { RuntimeConfig } from './runtime-config';
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

/** The clients and settings every part below is built from, once per cold start. */
export function buildFoundation(config: RuntimeConfig, logger?: Logger) {
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
  const metrics = createPowertoolsBusinessMetrics({
    serviceName: service.name,
    namespace: service.metricsNamespace,
  });
  return { config, log, dynamodb, sqs, documents, metrics };
}

export type Foundation = ReturnType<typeof buildFoundation>;

/**
 * The parts every function composes from: each is built from the foundation alone and only when
 * a function's wiring asks for it, so that esbuild leaves out of a function's bundle the
 * adapters it never builds (issue 24). buildApiDependencies takes what the API function serves;
 * buildWorkerDependencies (build-dependencies.ts) what the workers do, buildDependencies them all.
 */
function buildMessageParts({ config, log, sqs, documents, metrics }: Foundation) {
  // The relay's reads and writes of messages, progress and scorecard rows, batched per turn
  // of the event loop, its plain Puts within RELAY_WRITE_LINGER_MS (issue 24, docs/performance.md).
  const batchedDocuments = coalesceItemRequests(documents, config.tableName, {
    writeLingerMs: RELAY_WRITE_LINGER_MS,
  });
  return {
    batchedDocuments,
    store: createDynamoDbDossierStore(batchedDocuments, {
      tableName: config.tableName,
      pendingShards: config.outbox.pendingShards,
      retentionSeconds: config.retentionDays * 24 * 60 * 60,
    }),
    queues: {
      national: createSqsMessageQueue(sqs, config.queues.national.name, config.queues.national.url),
      province: createSqsMessageQueue(sqs, config.queues.province.name, config.queues.province.url),
    },
    feedback: createDynamoDbFeedbackStore(documents, {
      tableName: config.tableName,
      retentionSeconds: config.retentionDays * 24 * 60 * 60,
    }),
    calendar: loadWorkingCalendar(),
    metrics,
    clock: systemClock,
    newId: randomUUID,
    logger: log,
  };
}

/** The national portal's wires, behind one quota and one circuit breaker whichever a call takes. */
function buildNationalParts({ config, metrics }: Foundation) {
  // Bundled with the function like the tables below; a bad edit stops the cold start.
  const nationalReplyCodes = nationalReplyCodesFileSchema.parse(nationalReplyCodesFile);
  const nationalConfig = {
    ...config.nationalPortal,
    rejectedErrorCodes: config.nationalPortal.rejectedErrorCodes ?? nationalReplyCodes.rejected,
  };
  const nationalGuard = createEndpointGuard({ name: 'national-portal', ...config.nationalPortal, metrics });
  const feedbackWire = buildNationalFeedback(nationalConfig);
  const nationalFeedback: NationalFeedback = {
    pull: () => nationalGuard.run(() => feedbackWire.pull()),
    sendReply: (reply) => nationalGuard.run(() => feedbackWire.sendReply(reply)),
  };
  return {
    nationalPortal: guardNationalPortal(buildNationalPortal(nationalConfig), nationalGuard),
    nationalFeedback,
  };
}

/** Which national code and name a local code means: the mappings, the catalogues, the 2025 re-coding. */
function buildCodeParts({ config, documents }: Foundation) {
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
  return {
    agencyRecoding,
    catalogues,
    mappings,
    nationalCodes,
    // Every reader of a unit's name or a procedure's field goes through the mappings.
    agencyNames: namesThroughMappings(nationalCodes, () => vietnamDay(systemClock.now())),
  };
}

/** The payment platform, guarded, and the payments' store and settings. */
function buildPaymentParts({ config, documents, metrics }: Foundation) {
  const { dueShards, pollLimit, ...paymentTimings } = config.payments;
  return {
    payments: createDynamoDbPaymentStore(documents, { tableName: config.tableName, dueShards }),
    paymentPlatform: config.paymentPlatform
      ? guardPaymentPlatform(
          createPaygovPaymentPlatform(config.paymentPlatform),
          createEndpointGuard({ name: 'payment-platform', ...config.paymentPlatform, metrics }),
        )
      : unconfiguredPaymentPlatform(),
    paymentSettings: {
      ...paymentTimings,
      partnerCode: config.paymentPlatform?.partnerCode ?? '',
      secrets: config.paymentPlatform?.secrets ?? [],
    },
    paymentPolling: { limit: pollLimit },
  };
}

/** The systems connected to the gateway, and the provinces' systems through the 2025 re-coding. */
function buildConnectedSystemParts({ config, documents }: Foundation, agencyRecoding: AgencyRecoding) {
  const clientRegistry = createDynamoDbClientRegistry(documents, config.tableName);
  const connectedSystems = createDynamoDbConnectedSystems(documents, {
    tableName: config.tableName,
    cacheSeconds: CONNECTED_SYSTEMS_CACHE_SECONDS,
  });
  return {
    connectedSystems,
    clients: clientRegistry,
    clientRegistry,
    provinceSystems: followAgencyRecoding(connectedSystems, agencyRecoding, systemClock),
  };
}

/** What an HTTP function checks of its callers: access tokens, abuse limits, signed pushes. */
export async function buildCallerParts(
  { config, log, documents }: Foundation,
  clientRegistry: ReturnType<typeof createDynamoDbClientRegistry>,
) {
  if (config.nationalPushSecrets.length === 0) {
    log.warn('national pushes are not signed: bearer token and address only (SECURITY.md)', {
      setting: 'nationalPushSecrets',
    });
  }
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
    tokens,
    nationalPushAllowList: config.nationalPushAllowList,
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
  };
}

/**
 * What every function works with: messages, the national wires, the codes, payments and the
 * connected systems; an HTTP function adds its callers' checks (buildCallerParts).
 */
export function composeSharedParts(foundation: Foundation) {
  const codes = buildCodeParts(foundation);
  return {
    ...buildMessageParts(foundation),
    ...buildNationalParts(foundation),
    ...codes,
    ...buildPaymentParts(foundation),
    ...buildConnectedSystemParts(foundation, codes.agencyRecoding),
  };
}

/**
 * The API function's dependencies (what systems call: the provincial API, the national
 * endpoints, tokens, health): no secret sealing, webhooks, admin records or scorecard.
 */
export async function buildApiDependencies(
  config: RuntimeConfig,
  logger?: Logger,
): Promise<Omit<SystemsApiDependencies, 'remoteAddress'>> {
  const foundation = buildFoundation(config, logger);
  const shared = composeSharedParts(foundation);
  return { ...shared, ...(await buildCallerParts(foundation, shared.clientRegistry)) };
}
