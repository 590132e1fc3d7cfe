import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusinessMetric, businessMetrics } from '../../../functions/ports/business-metrics';
import { fixedMonthlyCost } from '../../../infra/aws/cost-model';
import { rateExpression } from '../../../infra/aws/gateway-schedules';
import { filesBesideBundle, projectRoot } from '../../../infra/aws/lambda-bundling';
import { environment, type FunctionSpec, queueUrlVariable, service, topology } from '../../../infra/topology';
import {
  consoleVariables,
  findResource,
  resourcesOfType,
  type SynthesizedGateway,
  synthGateway,
} from '../../support/synth-gateway';

const functions = topology.functions as readonly FunctionSpec[];
const prefix = 'lien-thong-demo-dev';

let synthesized: SynthesizedGateway;
// Synthesis bundles every function with esbuild: about 20 s on two idle cores, more beside other
// test files, so this setup gets a budget of its own rather than the suite-wide 30 s.
/** Names passed to `metrics.count(...)` anywhere in the functions' source. */
function emittedBusinessMetrics(): Set<string> {
  const files = readdirSync('functions', { recursive: true, encoding: 'utf8' }).filter((file) =>
    /\.tsx?$/.test(file),
  );
  const names = files.flatMap((file) =>
    [...readFileSync(join('functions', file), 'utf8').matchAll(/\.count\(\s*'(\w+)'/g)].map(
      (match) => match[1] ?? '',
    ),
  );
  return new Set(names);
}

beforeAll(() => {
  // The one synth in the infra tests that bundles for real, with the local esbuild.
  synthesized = synthGateway({ bundle: true });
}, 180_000);
afterAll(() => synthesized.cleanup());

function functionResource(name: string) {
  return findResource(
    synthesized.template,
    'AWS::Lambda::Function',
    (properties) => properties.FunctionName === `${prefix}-${name}`,
  ).properties;
}

function logicalIdOf(type: string, matches: (properties: Record<string, unknown>) => boolean): string {
  return findResource(synthesized.template, type, matches).id;
}

describe('the stack has what the topology names and nothing else', () => {
  it('creates one Lambda function per topology function, and no helper functions', () => {
    const names = Object.values(resourcesOfType(synthesized.template, 'AWS::Lambda::Function')).map(
      (resource) => resource.Properties.FunctionName,
    );
    expect(names.sort()).toEqual(functions.map((fn) => `${prefix}-${fn.name}`).sort());
  });

  it('creates every queue and dead-letter queue of the topology, and no other', () => {
    const names = Object.values(resourcesOfType(synthesized.template, 'AWS::SQS::Queue')).map(
      (resource) => resource.Properties.QueueName,
    );
    const expected = [...topology.queues, ...topology.deadLetterQueues].map(
      (queue) => `${prefix}-${queue.name}`,
    );
    expect(names.sort()).toEqual(expected.sort());
  });

  it('creates the topology tables, and no other', () => {
    const names = Object.values(resourcesOfType(synthesized.template, 'AWS::DynamoDB::Table')).map(
      (resource) => resource.Properties.TableName,
    );
    expect(names.sort()).toEqual(topology.tables.map((table) => `${prefix}-${table.name}`).sort());
  });

  it('maps each queue-triggered function to its queue, and nothing else', () => {
    const queueFunctions = functions.filter((fn) => fn.trigger.kind === 'queue');
    synthesized.template.resourceCountIs('AWS::Lambda::EventSourceMapping', queueFunctions.length);
  });

  it('schedules each schedule-triggered function, and nothing else', () => {
    const scheduled = functions.filter((fn) => fn.trigger.kind === 'schedule');
    synthesized.template.resourceCountIs('AWS::Scheduler::Schedule', scheduled.length);
  });

  it('routes exactly the topology routes', () => {
    const routeKeys = Object.values(resourcesOfType(synthesized.template, 'AWS::ApiGatewayV2::Route')).map(
      (resource) => resource.Properties.RouteKey,
    );
    expect(routeKeys.sort()).toEqual(topology.routes.map((route) => `${route.method} ${route.path}`).sort());
  });
});

describe('queues', () => {
  it.each(topology.queues)(
    '$name is FIFO, encrypted, keeps messages as long as the topology says and redrives to its DLQ',
    (queue) => {
      const deadLetterId = logicalIdOf(
        'AWS::SQS::Queue',
        (p) => p.QueueName === `${prefix}-${queue.deadLetterQueue}`,
      );
      synthesized.template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `${prefix}-${queue.name}`,
        FifoQueue: true,
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: queue.retentionDays * 86_400,
        VisibilityTimeout: queue.visibilityTimeoutSeconds,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterId, 'Arn'] },
          maxReceiveCount: queue.maxReceiveCount,
        },
      });
    },
  );

  it.each(topology.deadLetterQueues)(
    '$name is FIFO, encrypted and keeps messages for the topology retention',
    (dlq) => {
      synthesized.template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `${prefix}-${dlq.name}`,
        FifoQueue: true,
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: dlq.retentionDays * 86_400,
      });
    },
  );

  it('denies every request to every queue that does not use TLS', () => {
    const queueIds = Object.keys(resourcesOfType(synthesized.template, 'AWS::SQS::Queue'));
    for (const queueId of queueIds) {
      synthesized.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });
});

describe('tables', () => {
  /** A table and each of its indexes are keyed alike: the topology's partition key, then its sort key. */
  const keySchemaOf = (keys: { partitionKey: string; sortKey: string }) => [
    { AttributeName: keys.partitionKey, KeyType: 'HASH' },
    { AttributeName: keys.sortKey, KeyType: 'RANGE' },
  ];

  it.each(topology.tables)(
    '$name is on demand, with PITR, TTL, the customer-managed key and its indexes',
    (table) => {
      const keyId = Object.keys(resourcesOfType(synthesized.template, 'AWS::KMS::Key')).find((id) =>
        id.startsWith('DataKey'),
      );
      synthesized.template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: `${prefix}-${table.name}`,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: keySchemaOf(table),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
        },
        GlobalSecondaryIndexes: table.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: keySchemaOf(index),
          Projection: { ProjectionType: 'ALL' },
        })),
      });
    },
  );

  it('lets a development stage be deleted with its data', () => {
    for (const table of Object.values(resourcesOfType(synthesized.template, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties.DeletionProtectionEnabled).toBe(false);
      expect(table.DeletionPolicy).toBe('Delete');
    }
  });

  it('rotates the customer-managed keys', () => {
    const keys = Object.values(resourcesOfType(synthesized.template, 'AWS::KMS::Key'));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.Properties.EnableKeyRotation).toBe(true);
  });
});

describe('functions', () => {
  it.each(functions)('$name runs Node.js 22 on arm64 with the topology memory and timeout, traced', (fn) => {
    expect(functionResource(fn.name)).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: fn.memoryMb,
      Timeout: fn.timeoutSeconds,
      TracingConfig: { Mode: 'Active' },
    });
  });

  it.each(functions)('$name gets the variables the AWS wiring reads, for the resources it may use', (fn) => {
    const variables = (functionResource(fn.name).Environment as { Variables: Record<string, unknown> })
      .Variables;
    const expected = [
      environment.stage,
      environment.serviceName,
      environment.logLevel,
      environment.nationalPortalUrl,
      environment.tokenIssuer,
      environment.nationalTransports,
      environment.nationalPushAllowList,
      'NODE_OPTIONS',
      ...(fn.access.tables?.length ? [environment.tableName] : []),
      ...(fn.access.readsSecrets ? [environment.secretsArn] : []),
      ...(fn.access.servesConsole ? consoleVariables : []),
      ...(fn.access.sealsSecrets ? [environment.sealingKeyArn] : []),
      ...[...(fn.access.sendsTo ?? []), ...(fn.access.consumes ?? []), ...(fn.access.monitors ?? [])].map(
        queueUrlVariable,
      ),
    ];
    expect(Object.keys(variables).sort()).toEqual([...new Set(expected)].sort());
    expect(variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      [environment.serviceName]: service.name,
      [environment.logLevel]: 'INFO',
      [environment.stage]: 'dev',
    });
  });

  it.each(functions)('$name logs to its own log group, with a retention', (fn) => {
    const logGroupId = logicalIdOf(
      'AWS::Logs::LogGroup',
      (p) => p.LogGroupName === `/aws/lambda/${prefix}-${fn.name}`,
    );
    expect(functionResource(fn.name).LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
    synthesized.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: `/aws/lambda/${prefix}-${fn.name}`,
      RetentionInDays: 14,
    });
  });

  it('gives every function a role of its own', () => {
    const roles = functions.map((fn) => JSON.stringify(functionResource(fn.name).Role));
    expect(new Set(roles).size).toBe(functions.length);
  });

  it.each(functions)('$name ships a minified ES module bundle with its source map, built offline', (fn) => {
    const code = functionResource(fn.name).Code as { S3Key: string };
    const assetDir = join(synthesized.outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    expect(bundle).toMatch(/^import\{createRequire/);
    expect(bundle).toMatch(/export\{[^}]*as handler\}/);
    // Minified: a handful of very long lines (template literals keep their own line breaks).
    expect(bundle.length / bundle.split('\n').length).toBeGreaterThan(1000);
  });

  it('ships each entry point its own bundle, and functions of one entry the same', () => {
    const assets = new Map<string, Set<string>>();
    for (const fn of functions) {
      const { S3Key } = functionResource(fn.name).Code as { S3Key: string };
      assets.set(fn.entry, (assets.get(fn.entry) ?? new Set()).add(S3Key));
    }
    for (const [entry, keys] of assets) expect(keys.size, entry).toBe(1);
    const distinct = new Set([...assets.values()].flatMap((keys) => [...keys]));
    expect(distinct.size).toBe(assets.size);
  });

  it.each(functions)('$name ships the files it reads at run time beside its bundle, and no others', (fn) => {
    const code = functionResource(fn.name).Code as { S3Key: string };
    const assetDir = join(synthesized.outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    const besides = filesBesideBundle[fn.entry] ?? [];
    expect(readdirSync(assetDir).sort()).toEqual(
      ['index.mjs', 'index.mjs.map', ...besides.map((file) => file.to)].sort(),
    );
    for (const file of besides) {
      expect(readFileSync(join(assetDir, file.to)).equals(readFileSync(join(projectRoot, file.from)))).toBe(
        true,
      );
    }
  });

  it('puts the API reference UI beside the console bundle, whose function serves /docs, under the name the bundled docs route reads', () => {
    const pages = functions.find((fn) => fn.entry === 'functions/handlers/console.ts');
    const code = functionResource(pages?.name ?? 'console').Code as { S3Key: string };
    const assetDir = join(synthesized.outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    const reference = readFileSync(join(assetDir, 'api-reference.js'));
    expect(
      reference.equals(readFileSync(join(projectRoot, 'vendor/scalar-api-reference/standalone.js'))),
    ).toBe(true);
    expect(readFileSync(join(assetDir, 'index.mjs'), 'utf8')).toMatch(/["'`]api-reference\.js["'`]/);
  });
});

describe('triggers', () => {
  it.each(functions.filter((fn) => fn.trigger.kind === 'queue'))(
    '$name consumes its queue with the topology batch size and concurrency, reporting partial failures',
    (fn) => {
      if (fn.trigger.kind !== 'queue') throw new Error('filtered above');
      const { queue, batchSize, maxConcurrency } = fn.trigger;
      const queueId = logicalIdOf('AWS::SQS::Queue', (p) => p.QueueName === `${prefix}-${queue}`);
      const functionId = logicalIdOf(
        'AWS::Lambda::Function',
        (p) => p.FunctionName === `${prefix}-${fn.name}`,
      );
      synthesized.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        FunctionName: { Ref: functionId },
        BatchSize: batchSize,
        ScalingConfig: { MaximumConcurrency: maxConcurrency },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    },
  );

  it.each(functions.filter((fn) => fn.trigger.kind === 'schedule'))(
    '$name runs on EventBridge Scheduler at the topology rate',
    (fn) => {
      if (fn.trigger.kind !== 'schedule') throw new Error('filtered above');
      const functionId = logicalIdOf(
        'AWS::Lambda::Function',
        (p) => p.FunctionName === `${prefix}-${fn.name}`,
      );
      synthesized.template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: rateExpression(fn.trigger.everySeconds),
        State: 'ENABLED',
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId, 'Arn'] } }),
      });
    },
  );

  it('writes rate expressions in the largest whole unit', () => {
    expect(rateExpression(60)).toBe('rate(1 minute)');
    expect(rateExpression(300)).toBe('rate(5 minutes)');
    expect(rateExpression(7200)).toBe('rate(2 hours)');
    expect(rateExpression(86_400)).toBe('rate(1 day)');
    expect(() => rateExpression(90)).toThrow(/whole number of minutes/);
  });
});

describe('HTTP API', () => {
  it('sends each topology route to its function through a Lambda proxy integration', () => {
    for (const route of topology.routes) {
      const functionId = logicalIdOf(
        'AWS::Lambda::Function',
        (p) => p.FunctionName === `${prefix}-${route.function}`,
      );
      synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [functionId, 'Arn'] },
        PayloadFormatVersion: '2.0',
      });
      synthesized.template.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
        Principal: 'apigateway.amazonaws.com',
      });
    }
  });

  it('logs every request as JSON and throttles the stage', () => {
    const logGroupId = logicalIdOf(
      'AWS::Logs::LogGroup',
      (p) => p.LogGroupName === `/aws/apigateway/${prefix}-api`,
    );
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('has no custom domain unless one is configured', () => {
    synthesized.template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      DisableExecuteApiEndpoint: false,
    });
  });
});

describe('secrets', () => {
  it('keeps the gateway secret in Secrets Manager under the data key, and tells the functions where', () => {
    const secretId = logicalIdOf('AWS::SecretsManager::Secret', (p) => p.Name === `${prefix}/gateway`);
    const keyId = Object.keys(resourcesOfType(synthesized.template, 'AWS::KMS::Key')).find((id) =>
      id.startsWith('DataKey'),
    );
    synthesized.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    for (const fn of functions.filter((candidate) => candidate.access.readsSecrets)) {
      const variables = (functionResource(fn.name).Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(variables[environment.secretsArn]).toEqual({ Ref: secretId });
    }
  });

  it('puts no secret value in the template, so a redeploy never overwrites what operators put', () => {
    const secret = findResource(
      synthesized.template,
      'AWS::SecretsManager::Secret',
      (p) => p.Name === `${prefix}/gateway`,
    ).properties;
    expect(secret.SecretString).toBeUndefined();
    expect(secret.GenerateSecretString).toEqual({});
  });
});

describe('operations', () => {
  const alarms = () => Object.values(resourcesOfType(synthesized.template, 'AWS::CloudWatch::Alarm'));
  const alarmOn = (metricName: string, dimension: Record<string, unknown>) =>
    alarms().filter(
      (alarm) =>
        alarm.Properties.MetricName === metricName &&
        JSON.stringify(alarm.Properties.Dimensions).includes(JSON.stringify(dimension).slice(1, -1)),
    );
  const queueRef = (name: string) => ({
    Name: 'QueueName',
    Value: {
      'Fn::GetAtt': [logicalIdOf('AWS::SQS::Queue', (p) => p.QueueName === `${prefix}-${name}`), 'QueueName'],
    },
  });
  const functionRef = (name: string) => ({
    Name: 'FunctionName',
    Value: { Ref: logicalIdOf('AWS::Lambda::Function', (p) => p.FunctionName === `${prefix}-${name}`) },
  });

  it('alarms as soon as a dead-letter queue holds a message', () => {
    for (const dlq of topology.deadLetterQueues) {
      const [alarm, ...others] = alarmOn('ApproximateNumberOfMessagesVisible', queueRef(dlq.name));
      expect(others).toEqual([]);
      expect(alarm?.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('alarms on the age of the oldest message of every queue and dead-letter queue', () => {
    for (const queue of [...topology.queues, ...topology.deadLetterQueues]) {
      expect(alarmOn('ApproximateAgeOfOldestMessage', queueRef(queue.name))).toHaveLength(1);
    }
  });

  it('alarms on errors and throttles of every function', () => {
    for (const fn of functions) {
      expect(alarmOn('Errors', functionRef(fn.name))).toHaveLength(1);
      expect(alarmOn('Throttles', functionRef(fn.name))).toHaveLength(1);
    }
  });

  it('alarms on the share of API requests that end in 5xx', () => {
    const [alarm] = alarms().filter(
      (candidate) => candidate.Properties.AlarmName === `${prefix}-api-5xx-rate`,
    );
    const metrics = JSON.stringify(alarm?.Properties.Metrics);
    expect(metrics).toContain('"MetricName":"5xx"');
    expect(metrics).toContain('"MetricName":"Count"');
    expect(alarm?.Properties.Threshold).toBe(1);
  });

  it('alarms on the business metrics that mean someone must act, under the service dimension they are emitted with', () => {
    for (const metricName of [
      'ReconciliationMismatches',
      'PaymentAnomalies',
      'CircuitBreakerOpen',
    ] satisfies BusinessMetric[]) {
      const [alarm, ...others] = alarmOn(metricName, { Name: 'service', Value: service.name });
      expect(others).toEqual([]);
      expect(alarm?.Properties.Namespace).toBe(service.metricsNamespace);
    }
  });

  it('alarms or charts only metrics the functions emit, and emits only declared metrics, each alarmed or charted', () => {
    const emitted = emittedBusinessMetrics();
    const declared = Object.keys(businessMetrics);
    const [dashboard] = Object.values(resourcesOfType(synthesized.template, 'AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    const alarmed = alarms()
      .filter((alarm) => alarm.Properties.Namespace === service.metricsNamespace)
      .map((alarm) => String(alarm.Properties.MetricName));
    const charted = declared.filter((metric) => body.includes(metric));

    expect([...emitted].sort()).toEqual([...declared].sort());
    for (const metric of [...alarmed, ...charted]) expect(emitted).toContain(metric);
    for (const metric of declared) expect([...alarmed, ...charted]).toContain(metric);
  });

  it('sends every alarm, and its recovery, to one encrypted topic that requires TLS', () => {
    const topicId = logicalIdOf('AWS::SNS::Topic', (p) => p.TopicName === `${prefix}-alarms`);
    synthesized.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    synthesized.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  it('has the alarm metrics the cost model counts', () => {
    const counted = fixedMonthlyCost().find((line) => line.item === 'CloudWatch alarm metrics');
    const watched = alarms().reduce((sum, alarm) => {
      const metrics = alarm.Properties.Metrics as { MetricStat?: unknown }[] | undefined;
      return sum + (metrics ? metrics.filter((metric) => metric.MetricStat).length : 1);
    }, 0);
    expect(watched).toBe(counted?.quantity);
  });

  it('draws one dashboard with a row per flow and per function', () => {
    const [dashboard] = Object.values(resourcesOfType(synthesized.template, 'AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const queue of topology.queues) expect(body).toContain(`→ ${queue.name} →`);
    for (const fn of functions) expect(body).toContain(fn.name);
    for (const metric of [
      'NumberOfMessagesSent',
      'ApproximateAgeOfOldestMessage',
      'Duration',
      'Errors',
      'Latency',
    ]) {
      expect(body).toContain(metric);
    }
  });
});
