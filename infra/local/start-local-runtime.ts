import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { gatewayTable } from '../../functions/adapters/dynamodb/gateway-table';
import { createOpenIdPersonSignIn } from '../../functions/adapters/openid-person-sign-in';
import { createScheduleOperations } from '../../functions/application/run-schedule';
import { sweepOutbox } from '../../functions/application/sweep-outbox';
import { createCatalogueRefreshHandler } from '../../functions/handlers/catalogue-refresh';
import { createDeadLetterRecorderHandler } from '../../functions/handlers/dead-letter-recorder';
import { createDeadlineWatchHandler } from '../../functions/handlers/deadline-watch';
import { createDriftCheckHandler } from '../../functions/handlers/drift-check';
import { createFeedbackPullHandler } from '../../functions/handlers/feedback-pull';
import { createNationalRelayHandler } from '../../functions/handlers/national-relay';
import { createOutboxSweeperHandler } from '../../functions/handlers/outbox-sweeper';
import { createPaymentReconciliationHandler } from '../../functions/handlers/payment-reconciliation';
import { createPaymentStatusPollerHandler } from '../../functions/handlers/payment-status-poller';
import { createProvinceRelayHandler } from '../../functions/handlers/province-relay';
import { recordScheduleRuns } from '../../functions/handlers/record-schedule-runs';
import { createScheduleDefinitions } from '../../functions/handlers/schedule-definitions';
import { type ApiDependencies, createHttpApp } from '../../functions/http';
import { buildDependencies, type GatewayDependencies } from '../../functions/wiring/build-dependencies';
import { type ConsoleRoleClaims, readConsoleRoleClaims } from '../../functions/wiring/console-role-claims';
import { createLogger } from '../../functions/wiring/create-logger';
import { paymentPartnerProfile } from '../../functions/wiring/payment-partner-profile';
import type { NationalTransport, RuntimeConfig } from '../../functions/wiring/runtime-config';
import {
  createNationalPortalSimulator,
  type NationalPortalSimulator,
} from '../simulators/national-portal-simulator';
import {
  createPaymentPlatformSimulator,
  type PaymentPlatformSimulator,
} from '../simulators/payment-platform-simulator';
import {
  createProvinceSimulator,
  PROVINCE_WEBHOOK_PATH,
  type ProvinceSimulator,
} from '../simulators/province-simulator';
import {
  channelQueues,
  type DriftCheckSpec,
  type EndpointOperationsSpec,
  type EndpointSpec,
  type FunctionSpec,
  findQueue,
  type PaymentsSpec,
  type QueueFunctionSpec,
  type ScheduleFunctionSpec,
  type SecuritySpec,
  service,
  topology,
} from '../topology';
import {
  demoConsoleClient,
  demoLgspClient,
  demoNationalPortalAccount,
  demoNationalPushSecret,
  demoNationalSessionAccount,
  demoPaymentPartner,
  demoPeople,
  demoPersonPassword,
  demoWebhookSecret,
} from './demo-credentials';
import { startEmbeddedIdentityProvider } from './embedded-identity-provider';
import { closeServer, startDynamoDbEmulator, startSqsEmulator } from './emulators';
import { createLambdaPoller, type LambdaPoller } from './lambda-poller';
import { loadLocalSecrets } from './local-secrets';
import { localName, provisionQueues, provisionTables } from './provision';
import { seedDemoSystems } from './seed-demo-systems';
import { listenForApp, serveOverHttp } from './serve-over-http';

export interface LocalRuntimeOptions {
  /** 0 picks a free port. */
  readonly ports: {
    gateway: number;
    nationalPortal: number;
    province: number;
    payment: number;
    dynamodb: number;
    sqs: number;
    /** The embedded OpenID provider people sign in to the console with; a free port when absent. */
    identityProvider?: number;
  };
  /**
   * Where people's groups travel and which role each grants (CONSOLE_GROUPS_CLAIM,
   * CONSOLE_ROLE_OF_GROUP): the embedded provider sends them there, the console reads them
   * there; by default the `groups` claim with groups named as the roles.
   */
  readonly consoleRoleClaims?: ConsoleRoleClaims;
  /** Where DynamoDB data and local secrets persist; null keeps everything in memory. */
  readonly dataDir: string | null;
  readonly logLevel?: string;
  /** Run the schedules on timers; tests turn this off and call runSchedule themselves. */
  readonly schedules?: boolean;
  /** Endpoint tuning for tests (e.g. a faster circuit breaker); defaults from the topology. */
  readonly endpoints?: Partial<Record<keyof typeof topology.endpoints, EndpointSpec>>;
  /** Base URLs of simulators running elsewhere (e.g. in a soak driver that kills this process). */
  readonly external?: {
    readonly nationalPortalUrl?: string;
    readonly provinceUrl?: string;
    /** A payment platform elsewhere calls the gateway back by itself; it must know the gateway's port. */
    readonly paymentUrl?: string;
  };
  /** Receives before a message goes to its dead-letter queue; tests lower it to reach parking fast. */
  readonly maxReceiveCount?: number;
  /** Backoff between deliveries; tests shorten it. */
  readonly retryPolicy?: RuntimeConfig['retryPolicy'];
  /** Provinces that reach the national portal over LGSP REST (`{ H12: 'lgsp' }`); the rest use the session envelope. */
  readonly nationalTransports?: Readonly<Record<string, NationalTransport>>;
  /** Security bounds for tests (a short revocation cache, tight rate limits); defaults from the topology. */
  readonly security?: Partial<SecuritySpec>;
  /** Payment timings (e.g. a shorter lifetime in tests); defaults from the topology. */
  readonly payments?: Partial<PaymentsSpec>;
  /** Drift check bounds (e.g. a tiny sample in tests); defaults from the topology. */
  readonly driftCheck?: Partial<DriftCheckSpec>;
  /** Pause rechecks and the failing threshold (e.g. seconds in tests); defaults from the topology. */
  readonly endpointOperations?: Partial<EndpointOperationsSpec>;
  /** Strict unit names (422 agency.nameUnknown); default: the flag of config/agency-names.json. */
  readonly strictAgencyNames?: boolean;
}

export interface LocalRuntime {
  readonly urls: {
    gateway: string;
    nationalPortal: string;
    province: string;
    payment: string;
    dynamodb: string;
    sqs: string;
    identityProvider: string;
  };
  readonly simulators: {
    nationalPortal: NationalPortalSimulator;
    province: ProvinceSimulator;
    payment: PaymentPlatformSimulator;
  };
  readonly deps: GatewayDependencies & Pick<ApiDependencies, 'schedules'>;
  readonly pollers: ReadonlyMap<string, LambdaPoller>;
  /** Queue URLs in the SQS emulator, by topology name. */
  readonly queueUrls: ReadonlyMap<string, string>;
  runSchedule(functionName: string, event?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const STAGE = 'local';

type FunctionName = (typeof topology.functions)[number]['name'];
type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The handler of every topology function, built from the same factories the Lambda entry
 * points use; `satisfies` makes a function added to the topology fail to compile until it is
 * wired here. The API is served over HTTP instead.
 */
function localHandlers(deps: GatewayDependencies) {
  return {
    // The HTTP functions: one app on the gateway's port serves both (createHttpApp is the console
    // function's app, which mounts the API too), as API Gateway's routes split them on AWS.
    api: undefined,
    console: undefined,
    'national-relay': createNationalRelayHandler(deps),
    'province-relay': createProvinceRelayHandler(deps),
    'national-dead-letters': createDeadLetterRecorderHandler(deps),
    'province-dead-letters': createDeadLetterRecorderHandler(deps),
    'outbox-sweeper': recordScheduleRuns(deps, 'outbox-sweeper', createOutboxSweeperHandler(deps)),
    'payment-status-poller': recordScheduleRuns(
      deps,
      'payment-status-poller',
      createPaymentStatusPollerHandler(deps),
    ),
    'payment-reconciliation': recordScheduleRuns(
      deps,
      'payment-reconciliation',
      createPaymentReconciliationHandler(deps),
    ),
    'deadline-watch': recordScheduleRuns(deps, 'deadline-watch', createDeadlineWatchHandler(deps)),
    'drift-check': recordScheduleRuns(deps, 'drift-check', createDriftCheckHandler(deps)),
    'catalogue-refresh': recordScheduleRuns(deps, 'catalogue-refresh', createCatalogueRefreshHandler(deps)),
    'feedback-pull': recordScheduleRuns(deps, 'feedback-pull', createFeedbackPullHandler(deps)),
  } satisfies Record<FunctionName, unknown>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const logLevel = options.logLevel ?? 'WARN';
  const logger = createLogger({ logLevel, stage: STAGE });
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  const endpoints = { ...topology.endpoints, ...options.endpoints };

  try {
    const dynamodbEmulator = await startDynamoDbEmulator({
      port: options.ports.dynamodb,
      dataDir: options.dataDir ? `${options.dataDir}/dynamodb` : null,
    });
    cleanups.push(() => dynamodbEmulator.close());
    const sqsEmulator = await startSqsEmulator({ port: options.ports.sqs });
    cleanups.push(() => sqsEmulator.close());

    const nationalPortal = createNationalPortalSimulator({
      ...demoNationalPortalAccount,
      ...demoNationalSessionAccount,
      lgspClient: demoLgspClient,
    });
    // Simulators outside this process (a soak kills the gateway, not its receivers) replace the built-in ones.
    const nationalServer = options.external?.nationalPortalUrl
      ? { url: options.external.nationalPortalUrl.replace(/\/$/, '') }
      : await serveOverHttp(nationalPortal.app, options.ports.nationalPortal, HOST);
    if ('server' in nationalServer) cleanups.push(() => closeServer(nationalServer.server));
    const province = createProvinceSimulator({ webhookSecret: demoWebhookSecret });
    const provinceServer = options.external?.provinceUrl
      ? { url: options.external.provinceUrl.replace(/\/$/, '') }
      : await serveOverHttp(province.app, options.ports.province, HOST);
    if ('server' in provinceServer) cleanups.push(() => closeServer(provinceServer.server));
    // The platform calls the gateway back; the gateway's address is known once it listens.
    let callbackUrl: string | undefined;
    const payment = createPaymentPlatformSimulator({ ...demoPaymentPartner, callbackUrl: () => callbackUrl });
    const paymentServer = options.external?.paymentUrl
      ? { url: options.external.paymentUrl.replace(/\/$/, '') }
      : await serveOverHttp(payment.app, options.ports.payment, HOST);
    if ('server' in paymentServer) cleanups.push(() => closeServer(paymentServer.server));

    // The gateway and the identity provider listen before the gateway is built: each must know
    // the other's address (the issuer; where people come back to).
    const gateway = await listenForApp(options.ports.gateway, HOST);
    cleanups.push(() => closeServer(gateway.server));
    // Sign-in attempts at the provider's form land in the gateway's audit log once it exists.
    let audit: GatewayDependencies['audit'] | undefined;
    const roleClaims = options.consoleRoleClaims ?? readConsoleRoleClaims({});
    const identityProvider = await startEmbeddedIdentityProvider({
      port: options.ports.identityProvider ?? 0,
      host: HOST,
      // Each demo person is in the groups the mapping grants their role.
      people: demoPeople.map(({ subject, name, role }) => ({
        subject,
        name,
        groups: Object.keys(roleClaims.roleOfGroup).filter((group) => roleClaims.roleOfGroup[group] === role),
      })),
      groupsClaim: roleClaims.groupsClaim,
      password: demoPersonPassword,
      onAttempt: async (attempt) =>
        audit?.record({
          actor: { type: 'person', subject: attempt.login, name: attempt.login },
          action: 'console.signInFailed',
          target: 'identity-provider',
          reason: attempt.outcome,
        }),
    });
    cleanups.push(() => identityProvider.close());
    const consoleSignIn = {
      issuer: identityProvider.issuer,
      ...demoConsoleClient,
      redirectUri: `${gateway.url}/admin/callback`,
      postLogoutRedirectUri: `${gateway.url}/admin/login?notice=signed-out`,
      ...roleClaims,
      allowHttpIssuer: true,
    };
    identityProvider.serve({ ...demoConsoleClient, ...consoleSignIn });

    const secrets = await loadLocalSecrets(options.dataDir);
    const endpointsConfig = { dynamodb: dynamodbEmulator.url, sqs: sqsEmulator.url };
    const baseConfig = {
      stage: STAGE,
      region: 'ap-southeast-1',
      tableName: localName(STAGE, gatewayTable.name),
      endpoints: endpointsConfig,
      nationalPortal: {
        ...endpoints.nationalPortal,
        baseUrl: `${nationalServer.url}/`,
        ...secrets.nationalPortal,
        session: demoNationalSessionAccount,
        transports: options.nationalTransports ?? {},
        // The one simulator answers both transports; data dirs from before LGSP have no client saved.
        lgsp: { baseUrl: `${nationalServer.url}/`, ...(secrets.nationalLgsp ?? demoLgspClient) },
      },
      provinceWebhooks: {
        ...endpoints.provinceWebhooks,
        secrets: secrets.webhookSecrets,
        allowLoopbackHttp: true,
      },
      paymentPlatform: {
        ...endpoints.paymentPlatform,
        ...paymentPartnerProfile,
        baseUrl: `${paymentServer.url}/`,
        // Data dirs from before payments have no partner saved.
        ...(secrets.paymentPlatform ?? {
          partnerCode: demoPaymentPartner.partnerCode,
          secrets: [demoPaymentPartner.secret],
          apiToken: demoPaymentPartner.apiToken,
        }),
      },
      payments: { ...topology.payments, ...options.payments },
      nationalPushAllowList: ['127.0.0.1', '::1'],
      tokens: {
        issuer: 'http://127.0.0.1/lien-thong-local',
        audience: service.name,
        lifetimeSeconds: topology.security.tokenLifetimeSeconds,
        keys: secrets.signingKeys,
      },
      security: { ...topology.security, ...options.security },
      // Data dirs from before signed pushes have no push secret saved.
      nationalPushSecrets: secrets.nationalPushSecrets ?? [demoNationalPushSecret],
      // loadLocalSecrets adds a sealing key to a data dir of before sealing.
      secretSealing: { localKey: secrets.localSealingKey ?? '' },
      retentionDays: topology.retention.days,
      deadlines: topology.deadlines,
      driftCheck: { ...topology.driftCheck, ...options.driftCheck },
      endpointOperations: { ...topology.endpointOperations, ...options.endpointOperations },
      ...(options.strictAgencyNames === undefined
        ? {}
        : { agencyNames: { strict: options.strictAgencyNames } }),
      outbox: topology.outbox,
      retryPolicy: options.retryPolicy ?? topology.retry,
      maxBodyBytes: 1024 * 1024,
      logLevel,
    } satisfies Omit<RuntimeConfig, 'queues' | 'deadLetterQueues'>;

    // Provisioning uses clients from the same builder as the gateway's, so they share config.
    const bootstrap = await buildDependencies(
      {
        ...baseConfig,
        queues: { national: { name: '', url: '' }, province: { name: '', url: '' } },
        deadLetterQueues: { national: { name: '', url: '' }, province: { name: '', url: '' } },
      },
      logger,
    );
    await provisionTables(bootstrap.aws.dynamodb, STAGE);
    const queues = await provisionQueues(bootstrap.aws.sqs, STAGE);
    const queueRef = (name: string) => ({ name, url: queues.get(name)?.url ?? '' });
    const built = await buildDependencies(
      {
        ...baseConfig,
        queues: {
          national: queueRef(channelQueues.national.queue.name),
          province: queueRef(channelQueues.province.queue.name),
        },
        deadLetterQueues: {
          national: queueRef(channelQueues.national.deadLetterQueue.name),
          province: queueRef(channelQueues.province.deadLetterQueue.name),
        },
      },
      logger,
    );
    const deps = {
      ...built,
      // Only the console signs people in; on AWS its own function's wiring adds this (wiring/aws-console.ts).
      personSignIn: createOpenIdPersonSignIn(consoleSignIn),
      schedules: createScheduleOperations(built, createScheduleDefinitions(built)),
    };
    audit = deps.audit;
    const app = createHttpApp({ ...deps, remoteAddress: (c) => getConnInfo(c).remote.address });

    await seedDemoSystems(deps.systems, `${provinceServer.url}${PROVINCE_WEBHOOK_PATH}`);

    // SQS here keeps nothing across restarts; the store does. Put back whatever it holds as
    // accepted and undelivered before the pollers start.
    const restored = await sweepOutbox(deps, { staleAfterSeconds: 0, limit: 100_000 });
    if (restored > 0) logger.info('re-enqueued undelivered messages from the store', { restored });

    const handlers = localHandlers(deps);
    const pollers = new Map<string, LambdaPoller>();
    const schedules: ScheduleFunctionSpec[] = [];
    for (const fn of topology.functions as readonly FunctionSpec[]) {
      if (fn.trigger.kind === 'queue') {
        const queueFn = fn as QueueFunctionSpec;
        const queue = findQueue(queueFn.trigger.queue);
        const source = queues.get(queue.name);
        if (!source) throw new Error(`queue ${queue.name} was not provisioned`);
        const redrive =
          'deadLetterQueue' in queue
            ? {
                deadLetterQueueUrl: queues.get(queue.deadLetterQueue)?.url ?? '',
                maxReceiveCount: options.maxReceiveCount ?? queue.maxReceiveCount,
              }
            : undefined;
        const poller = createLambdaPoller({
          sqs: deps.aws.sqs,
          functionName: fn.name,
          queueUrl: source.url,
          queueArn: source.arn,
          ...(redrive ? { redrive } : {}),
          batchSize: queueFn.trigger.batchSize,
          maxConcurrency: queueFn.trigger.maxConcurrency,
          visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds,
          timeoutSeconds: fn.timeoutSeconds,
          handler: handlers[fn.name as keyof typeof handlers] as QueueHandler,
          logger,
        });
        pollers.set(fn.name, poller);
        poller.start();
        cleanups.push(() => poller.stop());
      } else if (fn.trigger.kind === 'schedule') {
        schedules.push(fn as ScheduleFunctionSpec);
      }
    }

    const runSchedule = async (functionName: string, event?: unknown) => {
      const run = handlers[functionName as FunctionName];
      if (!schedules.some((schedule) => schedule.name === functionName) || typeof run !== 'function') {
        throw new Error(`no schedule named ${functionName}`);
      }
      return (run as (event?: unknown) => Promise<unknown>)(event);
    };
    if (options.schedules !== false) {
      // Each schedule runs once at start, then on its timer: a demo sees notices at once instead
      // of after the deadline watch's first 15 minutes.
      for (const schedule of schedules) {
        let running = false;
        const tick = () => {
          if (running) return;
          running = true;
          runSchedule(schedule.name)
            .catch((error: unknown) =>
              logger.error('schedule failed', { schedule: schedule.name, error: (error as Error).message }),
            )
            .finally(() => {
              running = false;
            });
        };
        const timer = setInterval(tick, schedule.trigger.everySeconds * 1000);
        tick();
        cleanups.push(async () => clearInterval(timer));
      }
    }

    gateway.serve(app);
    callbackUrl = `${gateway.url}/v1/callbacks/payment`;

    return {
      urls: {
        gateway: gateway.url,
        nationalPortal: nationalServer.url,
        province: provinceServer.url,
        payment: paymentServer.url,
        dynamodb: dynamodbEmulator.url,
        sqs: sqsEmulator.url,
        identityProvider: identityProvider.issuer,
      },
      simulators: { nationalPortal, province, payment },
      deps,
      pollers,
      queueUrls: new Map([...queues].map(([name, queue]) => [name, queue.url])),
      runSchedule,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
