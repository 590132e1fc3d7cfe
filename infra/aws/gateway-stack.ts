import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { gatewayTable } from '../../functions/adapters/dynamodb/gateway-table';
import { CONSOLE_PATH } from '../../functions/http/console/console-env';
import {
  type DeadLetterQueueSpec,
  environment,
  type FunctionSpec,
  type QueueSpec,
  type RouteSpec,
  service,
  type TableSpec,
  topology,
} from '../topology';
import { type ConsoleIdentity, createConsoleIdentity } from './console-identity';
import type { DeploymentConfig } from './deployment-config';
import { createGatewayAlarms, type GatewayAlarms } from './gateway-alarms';
import { createGatewayApi, type GatewayApi } from './gateway-api';
import { createGatewayDashboard } from './gateway-dashboard';
import { createGatewayFunctions, type GatewayFunction } from './gateway-functions';
import { createGatewayQueues, type GatewayQueues } from './gateway-queues';
import { createGatewaySchedules } from './gateway-schedules';
import { createGatewayTables } from './gateway-tables';

/** The parts of the topology the stack is built from; tests pass extended copies. */
export interface GatewaySpec {
  readonly tables: readonly TableSpec[];
  readonly queues: readonly QueueSpec[];
  readonly deadLetterQueues: readonly DeadLetterQueueSpec[];
  readonly functions: readonly FunctionSpec[];
  readonly routes: readonly RouteSpec[];
}

export interface GatewayStack {
  readonly stack: Stack;
  readonly queues: GatewayQueues;
  readonly functions: ReadonlyMap<string, GatewayFunction>;
  readonly api: GatewayApi;
  readonly alarms: GatewayAlarms;
  readonly secret: Secret;
  readonly consoleIdentity: ConsoleIdentity;
}

function lookup<T>(map: ReadonlyMap<string, T>, kind: string, name: string): T {
  const found = map.get(name);
  if (!found) throw new Error(`topology names no ${kind} ${name}`);
  return found;
}

/** The production stack, derived from the topology: every resource below comes from iterating it. */
export function createGatewayStack(
  scope: Construct,
  id: string,
  config: DeploymentConfig,
  spec: GatewaySpec = topology,
  props: StackProps = {},
): GatewayStack {
  const stack = new Stack(scope, id, {
    description: `Liên thông Gateway, province ${config.province}, stage ${config.stage}`,
    ...props,
  });
  Tags.of(stack).add('project', service.name);
  Tags.of(stack).add('province', config.province);
  Tags.of(stack).add('stage', config.stage);
  const removalPolicy = config.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  const logRetention = config.production ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS;
  const prefix = config.resourcePrefix;

  /**
   * Every key of the stack: rotated yearly, and under the stack's removal policy; a key scheduled
   * for deletion waits 30 days in production, 7 elsewhere.
   */
  const gatewayKey = (keyId: string, aliasName: string, description: string) =>
    new Key(stack, keyId, {
      alias: `alias/${prefix}-${aliasName}`,
      description,
      enableKeyRotation: true,
      removalPolicy,
      pendingWindow: Duration.days(config.production ? 30 : 7),
    });
  const dataKey = gatewayKey('DataKey', 'data', 'Encrypts the gateway tables and its secret');
  // Its own key, so that only the functions that register systems or sign webhooks may use it
  // (the data key is usable by every function through DynamoDB).
  const sealingKey = gatewayKey(
    'SecretSealingKey',
    'secret-sealing',
    "Seals connected systems' webhook signing secrets",
  );
  const alarmKey = gatewayKey(
    'AlarmTopicKey',
    'alarms',
    'Encrypts the alarm topic; CloudWatch may use it to publish',
  );

  const secret = new Secret(stack, 'GatewaySecrets', {
    secretName: `${prefix}/gateway`,
    description: 'Token signing keys, national portal account, payment keys (JSON, see docs/deploy-aws.md)',
    encryptionKey: dataKey,
    // No value in the template: CloudFormation generates a random placeholder once, and an
    // operator puts the real JSON (functions/wiring/runtime-config.ts, GatewaySecrets). A value
    // here would overwrite theirs whenever it changed.
    removalPolicy,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The secret holds credentials issued outside AWS (the national portal account, payment partner keys) ' +
      'and token signing keys that are rolled by adding a key before removing the old one; a Lambda rotation ' +
      'cannot change them at their issuers, so operators rotate them by procedure (docs/operator-runbook.md).',
  });

  const tables = createGatewayTables(stack, spec.tables, {
    resourcePrefix: prefix,
    encryptionKey: dataKey,
    production: config.production,
    removalPolicy,
  });
  const queues = createGatewayQueues(stack, spec, { resourcePrefix: prefix, removalPolicy });

  const functions = createGatewayFunctions(stack, spec.functions, {
    resourcePrefix: prefix,
    stage: config.stage,
    logLevel: config.logLevel,
    nationalPortalUrl: config.nationalPortalUrl,
    ...(config.paymentPlatformUrl ? { paymentPlatformUrl: config.paymentPlatformUrl } : {}),
    nationalTransports: config.nationalTransports,
    ...(config.nationalLgspUrl ? { nationalLgspUrl: config.nationalLgspUrl } : {}),
    nationalPushAllowList: config.nationalPushAllowList,
    logRetention,
    removalPolicy,
    resources: {
      table: (name) => {
        const { table, spec: tableSpec } = lookup(tables, 'table', name);
        return { tableArn: table.tableArn, indexNames: tableSpec.indexes.map((index) => index.name) };
      },
      tableName: (name) => lookup(tables, 'table', name).table.tableName,
      queue: (name) => lookup(queues.byName, 'queue', name),
      queueArn: (name) => lookup(queues.byName, 'queue', name).queueArn,
      secretArn: secret.secretArn,
      dataKeyArn: dataKey.keyArn,
      sealingKeyArn: sealingKey.keyArn,
      region: stack.region,
    },
  });
  for (const { fn } of functions.values()) {
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the gateway is built and tested for (DESIGN.md, lambdaBundling.target); ' +
        'moving to a newer runtime is a deliberate upgrade with its own test run, not a side effect of a deploy.',
    });
  }
  for (const { role } of functions.values()) {
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) use Resource "*": X-Ray has ' +
        'no resource-level permissions for them. Every other statement names its table, index, queue, key, ' +
        'secret or log group (tests/infra/aws/least-privilege.test.ts).',
    });
  }

  const api = createGatewayApi(stack, spec.routes, (name) => lookup(functions, 'function', name).fn, {
    resourcePrefix: prefix,
    rateLimit: config.apiRateLimit,
    burstLimit: config.apiBurstLimit,
    logRetention,
    removalPolicy,
    ...(config.domainName && config.certificateArn
      ? { customDomain: { domainName: config.domainName, certificateArn: config.certificateArn } }
      : {}),
  });
  // Every function builds the token service at cold start (wiring/aws.ts), so all get the issuer.
  const tokenIssuer = config.tokenIssuer ?? api.url;
  for (const { fn } of functions.values()) fn.addEnvironment(environment.tokenIssuer, tokenIssuer);

  // People's sign-in: the console's address is the API's, known once the API exists.
  const consoleIdentity = createConsoleIdentity(stack, config, {
    resourcePrefix: prefix,
    domainPrefix: config.consoleDomainPrefix ?? prefix,
    consoleUrl: `${api.url}${CONSOLE_PATH}`,
    dataKey,
    production: config.production,
    removalPolicy,
    logRetention,
  });
  for (const { spec: fnSpec, fn, role } of functions.values()) {
    if (!fnSpec.access.servesConsole) continue;
    for (const [name, value] of Object.entries(consoleIdentity.environment)) fn.addEnvironment(name, value);
    for (const statement of consoleIdentity.statements) role.addToPrincipalPolicy(statement);
  }

  createGatewaySchedules(stack, [...functions.values()], prefix);

  const functionList = [...functions.values()];
  const alarms = createGatewayAlarms(
    stack,
    {
      queues: queues.queues,
      deadLetterQueues: queues.deadLetterQueues,
      functions: functionList.map(({ spec: fnSpec, fn }) => ({ name: fnSpec.name, fn })),
      api: api.api,
    },
    {
      resourcePrefix: prefix,
      topicKey: alarmKey,
      ...(config.alarmEmail ? { email: config.alarmEmail } : {}),
    },
  );
  createGatewayDashboard(
    stack,
    {
      queues: queues.queues,
      queueNamed: (name) => lookup(queues.byName, 'queue', name),
      functions: functionList,
      api: api.api,
    },
    prefix,
  );

  new CfnOutput(stack, 'ApiUrl', { value: api.url, description: 'Base URL of the gateway API' });
  new CfnOutput(stack, 'SecretArn', {
    value: secret.secretArn,
    description: 'Put the signing keys and national portal account here after the first deploy',
  });
  // `npm run admin` (scripts/admin.ts) reads these two to write systems as the API does.
  new CfnOutput(stack, 'GatewayTableName', {
    value: lookup(tables, 'table', gatewayTable.name).table.tableName,
    description: 'The gateway table (connected systems live here)',
  });
  new CfnOutput(stack, 'SecretSealingKeyArn', {
    value: sealingKey.keyArn,
    description: "The KMS key sealing connected systems' webhook secrets",
  });
  new CfnOutput(stack, 'AlarmTopicArn', {
    value: alarms.topic.topicArn,
    description: 'Subscribe operators here',
  });
  if (api.domain) {
    new CfnOutput(stack, 'ApiDomainTarget', {
      value: api.domain.regionalDomainName,
      description: `Point a CNAME (or alias) for ${config.domainName} at this name`,
    });
  }
  if (consoleIdentity.userPool) {
    const { pool, domain } = consoleIdentity.userPool;
    new CfnOutput(stack, 'ConsoleUserPoolId', {
      value: pool.userPoolId,
      description: 'Create the console people here and add each to a group (docs/operator-runbook.md)',
    });
    new CfnOutput(stack, 'ConsoleSignInDomain', {
      value: domain.baseUrl(),
      description: 'Cognito managed sign-in pages the console sends people to',
    });
  }
  return { stack, queues, functions, api, alarms, secret, consoleIdentity };
}
