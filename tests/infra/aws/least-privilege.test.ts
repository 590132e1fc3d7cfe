import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionPolicyStatements } from '../../../infra/aws/function-permissions';
import { type FunctionSpec, topology } from '../../../infra/topology';
import {
  findResource,
  resourcesOfType,
  type SynthesizedGateway,
  synthGateway,
} from '../../support/synth-gateway';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Actions AWS documents without resource-level permissions: `Resource: "*"` is their only form. */
const actionsWithoutResourceScope = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

const prefix = 'lien-thong-demo-dev';
const functions = topology.functions as readonly FunctionSpec[];

let synthesized: SynthesizedGateway;
let resourceIds: Set<string>;
beforeAll(() => {
  synthesized = synthGateway();
  resourceIds = new Set(Object.keys(synthesized.template.toJSON().Resources));
});
afterAll(() => synthesized.cleanup());

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every identity policy in the template (inline, attached or managed), with where it came from. */
function identityStatements(): { source: string; statement: Statement }[] {
  const found: { source: string; statement: Statement }[] = [];
  for (const [id, policy] of Object.entries(resourcesOfType(synthesized.template, 'AWS::IAM::Policy'))) {
    const document = policy.Properties.PolicyDocument as { Statement: Statement[] };
    for (const statement of document.Statement) found.push({ source: id, statement });
  }
  for (const [id, policy] of Object.entries(
    resourcesOfType(synthesized.template, 'AWS::IAM::ManagedPolicy'),
  )) {
    const document = policy.Properties.PolicyDocument as { Statement: Statement[] };
    for (const statement of document.Statement) found.push({ source: id, statement });
  }
  for (const [id, role] of Object.entries(resourcesOfType(synthesized.template, 'AWS::IAM::Role'))) {
    const inline = (role.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[];
    for (const policy of inline) {
      for (const statement of policy.PolicyDocument.Statement) found.push({ source: id, statement });
    }
  }
  return found;
}

/** A resource is scoped when it points at something this template creates, with no wildcard added. */
function isScoped(resource: unknown): boolean {
  if (typeof resource === 'string') return false;
  const node = resource as Record<string, unknown>;
  if ('Ref' in node) return resourceIds.has(node.Ref as string);
  if ('Fn::GetAtt' in node) return resourceIds.has((node['Fn::GetAtt'] as string[])[0] as string);
  if ('Fn::Join' in node) {
    const [, parts] = node['Fn::Join'] as [string, unknown[]];
    const literals = parts.filter((part): part is string => typeof part === 'string');
    return (
      parts.some((part) => typeof part !== 'string' && isScoped(part)) && !literals.join('').includes('*')
    );
  }
  return false;
}

/** The actions a function's role allows, on which resources (as JSON, for comparison). */
function grantsOf(functionName: string): Map<string, string[]> {
  const { properties } = findResource(
    synthesized.template,
    'AWS::Lambda::Function',
    (candidate) => candidate.FunctionName === `${prefix}-${functionName}`,
  );
  const roleId = (properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  const grants = new Map<string, string[]>();
  for (const policy of Object.values(resourcesOfType(synthesized.template, 'AWS::IAM::Policy'))) {
    if (!(policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId)) continue;
    for (const statement of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
      for (const action of asList(statement.Action)) {
        grants.set(action, [
          ...(grants.get(action) ?? []),
          ...asList(statement.Resource).map((r) => JSON.stringify(r)),
        ]);
      }
    }
  }
  return grants;
}

const ref = (type: string, name: string) => {
  const [id] = Object.entries(resourcesOfType(synthesized.template, type)).find(([, resource]) =>
    [resource.Properties.QueueName, resource.Properties.TableName, resource.Properties.FunctionName].includes(
      name,
    ),
  ) ?? [undefined];
  if (!id) throw new Error(`no ${type} named ${name}`);
  return id;
};

describe('IAM policies in the template', () => {
  it('finds the policies to check', () => {
    expect(identityStatements().length).toBeGreaterThan(functions.length);
  });

  it('allow no wildcard action', () => {
    const wildcards = identityStatements()
      .filter(({ statement }) => statement.Effect === 'Allow')
      .flatMap(({ source, statement }) =>
        asList(statement.Action)
          .filter((action) => action.includes('*'))
          .map((action) => `${source}: ${action}`),
      );
    expect(wildcards).toEqual([]);
  });

  it('scope every resource to one this stack creates, except actions that cannot be scoped', () => {
    const unscoped = identityStatements()
      .filter(({ statement }) => statement.Effect === 'Allow')
      .filter(({ statement }) =>
        asList(statement.Resource).some(
          (resource) =>
            !isScoped(resource) &&
            !(
              resource === '*' &&
              asList(statement.Action).every((action) => actionsWithoutResourceScope.has(action))
            ),
        ),
      )
      .map(({ source, statement }) => `${source}: ${JSON.stringify(statement)}`);
    expect(unscoped).toEqual([]);
  });

  it('attach no managed policy to any role', () => {
    for (const role of Object.values(resourcesOfType(synthesized.template, 'AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('let each role be assumed by one service only', () => {
    for (const role of Object.values(resourcesOfType(synthesized.template, 'AWS::IAM::Role'))) {
      const trust = role.Properties.AssumeRolePolicyDocument as {
        Statement: { Principal: { Service: string } }[];
      };
      expect(trust.Statement).toHaveLength(1);
      expect(typeof trust.Statement[0]?.Principal.Service).toBe('string');
    }
  });
});

describe('each function can do what its topology access declares, and nothing more', () => {
  const table = () => ref('AWS::DynamoDB::Table', `${prefix}-gateway`);
  const queue = (name = 'to-national.fifo') => ref('AWS::SQS::Queue', `${prefix}-${name}`);
  const arnOf = (name: string) => JSON.stringify({ 'Fn::GetAtt': [queue(name), 'Arn'] });
  const read = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
  const write = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
  const logsAndTracing = [
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    'xray:PutTelemetryRecords',
    'xray:PutTraceSegments',
  ];
  const secret = ['kms:Decrypt', 'kms:DescribeKey', 'secretsmanager:GetSecretValue'];
  /** A function that writes the table (encrypted with the stack's key) and reads the secret. */
  const readWriteAndSecret = [
    ...read,
    ...write,
    ...logsAndTracing,
    ...secret,
    'kms:Encrypt',
    'kms:GenerateDataKey',
  ];

  it('api reads and writes the table, sends to both queues, reads the secret, and no more (the admin API is the console’s)', () => {
    const grants = grantsOf('api');
    expect([...grants.keys()].sort()).toEqual(
      [...readWriteAndSecret, 'sqs:GetQueueAttributes', 'sqs:SendMessage'].sort(),
    );
    expect(grants.get('sqs:SendMessage')?.sort()).toEqual(
      [arnOf('to-national.fifo'), arnOf('to-province.fifo')].sort(),
    );
    // The health probe's, of the queues it sends to; the dead-letter queues' depths are the admin API's.
    expect(grants.get('sqs:GetQueueAttributes')?.sort()).toEqual(
      [arnOf('to-national.fifo'), arnOf('to-province.fifo')].sort(),
    );
    expect(grants.get('dynamodb:PutItem')).toEqual([JSON.stringify({ 'Fn::GetAtt': [table(), 'Arn'] })]);
  });

  it('console may do what the api may, reads every queue’s depth (the admin API), and alone reads the console client secret', () => {
    const api = grantsOf('api');
    const consoleGrants = grantsOf('console');
    expect([...consoleGrants.keys()].sort()).toEqual(
      [...new Set([...api.keys(), 'sqs:GetQueueAttributes', 'kms:Decrypt', 'kms:Encrypt'])].sort(),
    );
    expect(consoleGrants.get('sqs:GetQueueAttributes')?.sort()).toEqual(
      ['to-national.fifo', 'to-province.fifo', 'to-national-dlq.fifo', 'to-province-dlq.fifo']
        .map(arnOf)
        .sort(),
    );
    const secretReads = (grants: Map<string, string[]>) => grants.get('secretsmanager:GetSecretValue') ?? [];
    expect(secretReads(api)).toHaveLength(1);
    expect(secretReads(consoleGrants)).toEqual(expect.arrayContaining(secretReads(api)));
    expect(secretReads(consoleGrants)).toHaveLength(2);
  });

  it('national-relay reads and writes the table, consumes to-national.fifo, puts released messages back on it, reads the secret', () => {
    const grants = grantsOf('national-relay');
    expect([...grants.keys()].sort()).toEqual(
      [
        ...readWriteAndSecret,
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:ReceiveMessage',
        'sqs:SendMessage',
      ].sort(),
    );
    expect(grants.get('sqs:ReceiveMessage')).toEqual([arnOf('to-national.fifo')]);
    expect(grants.get('sqs:SendMessage')).toEqual([arnOf('to-national.fifo')]);
  });

  it('outbox-sweeper only reads the table, sends to both queues and reads the secret', () => {
    const grants = grantsOf('outbox-sweeper');
    expect([...grants.keys()].sort()).toEqual(
      [...read, ...logsAndTracing, ...secret, 'sqs:GetQueueAttributes', 'sqs:SendMessage'].sort(),
    );
    expect(grants.get('dynamodb:Query')?.sort()).toEqual(
      [
        JSON.stringify({ 'Fn::GetAtt': [table(), 'Arn'] }),
        JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [table(), 'Arn'] }, '/index/pending']] }),
        JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [table(), 'Arn'] }, '/index/failed']] }),
      ].sort(),
    );
  });

  it('drift-check reads, writes and scans the table, reads the secret and sends nothing', () => {
    const grants = grantsOf('drift-check');
    expect([...grants.keys()].sort()).toEqual([...readWriteAndSecret, 'dynamodb:Scan'].sort());
    expect(grants.get('dynamodb:Scan')).toEqual([JSON.stringify({ 'Fn::GetAtt': [table(), 'Arn'] })]);
  });

  it('lets no other function scan a table', () => {
    for (const fn of functions.filter((candidate) => candidate.name !== 'drift-check')) {
      expect(grantsOf(fn.name).has('dynamodb:Scan'), fn.name).toBe(false);
    }
  });

  const sealingKeyArn = () => {
    const [id] =
      Object.entries(resourcesOfType(synthesized.template, 'AWS::KMS::Key')).find(([, key]) =>
        String(key.Properties.Description).includes('webhook signing secrets'),
      ) ?? [];
    if (!id) throw new Error('the stack has no secret-sealing key');
    return JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] });
  };
  const onSealingKey = (statement: Statement) =>
    asList(statement.Resource).some((resource) => JSON.stringify(resource) === sealingKeyArn());

  it('uses the data key only through DynamoDB and Secrets Manager', () => {
    const keyStatements = identityStatements().filter(
      ({ statement }) =>
        asList(statement.Action).some((action) => action.startsWith('kms:')) && !onSealingKey(statement),
    );
    expect(keyStatements.length).toBeGreaterThan(0);
    for (const { statement } of keyStatements) {
      expect(JSON.stringify(statement.Condition)).toMatch(/kms:ViaService.*(dynamodb|secretsmanager)\./);
    }
  });

  it('lets the console seal and open webhook secrets, the province relay only open them, and no other function', () => {
    const sealing = Object.fromEntries(
      functions.map((fn) => [
        fn.name,
        [...grantsOf(fn.name)]
          .filter(([, resources]) => resources.includes(sealingKeyArn()))
          .map(([action]) => action)
          .sort(),
      ]),
    );
    expect(Object.entries(sealing).filter(([, actions]) => actions.length > 0)).toEqual([
      ['console', ['kms:Decrypt', 'kms:Encrypt']],
      ['province-relay', ['kms:Decrypt']],
    ]);
    for (const { statement } of identityStatements().filter(({ statement }) => onSealingKey(statement))) {
      expect(statement.Condition).toEqual({ Null: { 'kms:EncryptionContext:connectedSystem': 'false' } });
    }
  });

  it('lets the scheduler invoke the scheduled function and nothing else', () => {
    for (const fn of functions.filter((candidate) => candidate.trigger.kind === 'schedule')) {
      const functionId = ref('AWS::Lambda::Function', `${prefix}-${fn.name}`);
      const policy = Object.entries(resourcesOfType(synthesized.template, 'AWS::IAM::Policy')).find(([id]) =>
        id.startsWith(`ScheduleRole${fn.name.replace(/-/g, '')}`),
      );
      expect(policy?.[1].Properties.PolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'lambda:InvokeFunction',
            Resource: { 'Fn::GetAtt': [functionId, 'Arn'] },
          },
        ],
      });
    }
  });

  it('lets CloudWatch use the alarm topic key for nothing but publishing', () => {
    const keyPolicies = Object.values(resourcesOfType(synthesized.template, 'AWS::KMS::Key')).map(
      (key) => (key.Properties.KeyPolicy as { Statement: (Statement & { Principal: unknown })[] }).Statement,
    );
    const toServices = keyPolicies
      .flat()
      .filter((statement) => JSON.stringify(statement.Principal).includes('cloudwatch.amazonaws.com'));
    expect(toServices).toHaveLength(1);
    expect(asList(toServices[0]?.Action ?? []).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });
});

describe('deriving statements from a declared access', () => {
  const resources = {
    table: () => ({ tableArn: 'arn:table/gateway', indexNames: ['pending'] }),
    queueArn: (name: string) => `arn:queue/${name}`,
    secretArn: 'arn:secret',
    dataKeyArn: 'arn:key',
    sealingKeyArn: 'arn:sealing-key',
    region: 'ap-southeast-1',
  };
  const actionsOf = (access: FunctionSpec['access']) =>
    functionPolicyStatements(access, resources)
      .flatMap((statement) => statement.toStatementJson().Action)
      .sort();

  it('grants nothing for an empty access', () => {
    expect(functionPolicyStatements({}, resources)).toEqual([]);
  });

  it('grants no write action for read access', () => {
    const actions = actionsOf({ tables: [{ table: 'gateway', mode: 'read' }] });
    expect(
      actions.filter((action: string) => /Put|Update|Delete|Write|Encrypt|GenerateDataKey/.test(action)),
    ).toEqual([]);
  });

  it('scopes the key to the service that uses it', () => {
    const [, keyStatement] = functionPolicyStatements(
      { tables: [{ table: 'gateway', mode: 'read' }] },
      resources,
    );
    expect(keyStatement?.toStatementJson().Condition).toEqual({
      StringEquals: { 'kms:ViaService': 'dynamodb.ap-southeast-1.amazonaws.com' },
    });
  });
});
