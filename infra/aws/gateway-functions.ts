import { execFileSync } from 'node:child_process';
import { AssetHashType, AssetStaging, DockerImage, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  EventSourceMapping,
  Function as LambdaFunction,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { environment, type FunctionSpec, queueUrlVariable, service } from '../topology';
import { type AccessibleResources, functionPolicyStatements } from './function-permissions';
import { BUNDLE_FILE, projectRoot } from './lambda-bundling';

export interface GatewayFunction {
  readonly spec: FunctionSpec;
  readonly fn: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
}

export interface FunctionOptions {
  readonly resourcePrefix: string;
  readonly stage: string;
  readonly logLevel: string;
  readonly nationalPortalUrl: string;
  readonly paymentPlatformUrl?: string;
  /** NATIONAL_TRANSPORTS, as the deployment context gives it. */
  readonly nationalTransports: string;
  readonly nationalLgspUrl?: string;
  /** Addresses the portal pushes from; empty refuses every push. */
  readonly nationalPushAllowList: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** The names the functions find their resources by, and the ARNs their roles are scoped to. */
  readonly resources: AccessibleResources & {
    tableName(name: string): string;
    queue(name: string): IQueue;
  };
}

/** Variables every function gets, plus one per resource its access names (wiring/aws.ts reads them). */
function functionEnvironment(spec: FunctionSpec, options: FunctionOptions): Record<string, string> {
  const variables: Record<string, string> = {
    [environment.stage]: options.stage,
    [environment.serviceName]: service.name,
    [environment.logLevel]: options.logLevel,
    [environment.nationalPortalUrl]: options.nationalPortalUrl,
    ...(options.paymentPlatformUrl ? { [environment.paymentPlatformUrl]: options.paymentPlatformUrl } : {}),
    [environment.nationalTransports]: options.nationalTransports,
    ...(options.nationalLgspUrl ? { [environment.nationalLgspUrl]: options.nationalLgspUrl } : {}),
    [environment.nationalPushAllowList]: options.nationalPushAllowList,
    NODE_OPTIONS: '--enable-source-maps',
  };
  const tables = spec.access.tables ?? [];
  if (tables.length > 1) {
    throw new Error(`function ${spec.name} uses ${tables.length} tables; topology.environment names one`);
  }
  for (const { table } of tables) variables[environment.tableName] = options.resources.tableName(table);
  for (const queue of new Set([
    ...(spec.access.sendsTo ?? []),
    ...(spec.access.consumes ?? []),
    ...(spec.access.monitors ?? []),
  ])) {
    variables[queueUrlVariable(queue)] = options.resources.queue(queue).queueUrl;
  }
  if (spec.access.readsSecrets) variables[environment.secretsArn] = options.resources.secretArn;
  if (spec.access.sealsSecrets) variables[environment.sealingKeyArn] = options.resources.sealingKeyArn;
  return variables;
}

/** The command that bundles one entry into a directory (bundle-function.ts), argv[0] being Node. */
const bundleCommand = (entry: string, outputDir: string) => [
  'node',
  '--import',
  'tsx',
  'infra/aws/bundle-function.ts',
  entry,
  outputDir,
];

/**
 * The function's asset, bundled by esbuild on this machine (lambda-bundling.ts; no Docker on
 * developer machines or in CI) and hashed by its output, as NodejsFunction does. A child
 * process, because CDK asks for the asset synchronously and esbuild runs plugins only
 * asynchronously. Synths that skip bundling (aws:cdk:bundling-stacks) never call it.
 */
function bundledCode(entry: string): Code {
  return Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the type, never pulled: local bundling always answers, or throws.
      image: DockerImage.fromRegistry('local-bundling-only'),
      // CDK reuses a staged asset for equal source and bundling options, and a function (the
      // local bundler) is not compared: the command names the entry, so each entry is its own.
      command: bundleCommand(entry, AssetStaging.BUNDLING_OUTPUT_DIR),
      local: {
        tryBundle(outputDir) {
          const [, ...args] = bundleCommand(entry, outputDir);
          execFileSync(process.execPath, args, { cwd: projectRoot, stdio: 'inherit' });
          return true;
        },
      },
    },
  });
}

function createFunction(scope: Construct, spec: FunctionSpec, options: FunctionOptions): GatewayFunction {
  const functionName = `${options.resourcePrefix}-${spec.name}`;
  // Created here rather than by Lambda so that retention and removal are set, and no
  // log-retention helper function is needed.
  const logGroup = new LogGroup(scope, `LogGroup:${spec.name}`, {
    logGroupName: `/aws/lambda/${functionName}`,
    retention: options.logRetention,
    removalPolicy: options.removalPolicy,
  });
  const role = new Role(scope, `Role:${spec.name}`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `${functionName}: only what topology.ts declares in its access`,
  });
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  for (const statement of functionPolicyStatements(spec.access, options.resources)) {
    role.addToPrincipalPolicy(statement);
  }

  const fn = new LambdaFunction(scope, `Function:${spec.name}`, {
    functionName,
    code: bundledCode(spec.entry),
    handler: `${BUNDLE_FILE.replace(/\.mjs$/, '')}.handler`,
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: spec.memoryMb,
    timeout: Duration.seconds(spec.timeoutSeconds),
    role,
    logGroup,
    tracing: Tracing.ACTIVE,
    environment: functionEnvironment(spec, options),
  });

  if (spec.trigger.kind === 'queue') {
    const { queue, batchSize, maxConcurrency } = spec.trigger;
    if (!spec.access.consumes?.includes(queue)) {
      throw new Error(`function ${spec.name} is triggered by ${queue} but its access does not consume it`);
    }
    // A plain mapping rather than SqsEventSource, which would grant consume rights of its
    // own: the role gets exactly what the access declares.
    new EventSourceMapping(scope, `Trigger:${spec.name}`, {
      target: fn,
      eventSourceArn: options.resources.queueArn(queue),
      batchSize,
      maxConcurrency,
      reportBatchItemFailures: true,
    });
  }
  return { spec, fn, role, logGroup };
}

/** One function per topology entry, each with its own log group and least-privilege role. */
export function createGatewayFunctions(
  scope: Construct,
  specs: readonly FunctionSpec[],
  options: FunctionOptions,
): ReadonlyMap<string, GatewayFunction> {
  return new Map(specs.map((spec) => [spec.name, createFunction(scope, spec, options)] as const));
}
