import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { FunctionAccess } from '../topology';

/** The deployed resources a function's access names, as ARNs. */
export interface AccessibleResources {
  table(name: string): { readonly tableArn: string; readonly indexNames: readonly string[] };
  queueArn(name: string): string;
  readonly secretArn: string;
  /** The customer-managed key that encrypts the tables and the secret. */
  readonly dataKeyArn: string;
  /** The customer-managed key that seals connected systems' webhook signing secrets. */
  readonly sealingKeyArn: string;
  readonly region: string;
}

/**
 * The actions behind each kind of access. Scan and the transaction actions are left out on
 * purpose: the gateway reads through keys and the `pending` index, and writes one item at a
 * time with conditions (docs/adr/0001). Scan is granted only where a table access says
 * `scans` (the drift check's bounded sample).
 */
const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
/**
 * DynamoDB unwraps the table key with the caller's permissions, then caches it; writes also
 * encrypt. The condition keeps the grant usable only through DynamoDB.
 */
const tableKeyReadActions = ['kms:Decrypt', 'kms:DescribeKey'];
const tableKeyWriteActions = ['kms:Encrypt', 'kms:GenerateDataKey'];
/** GetQueueAttributes backs the API's health probe of the queue it sends to. */
const queueSendActions = ['sqs:SendMessage', 'sqs:GetQueueAttributes'];
/** What the event source mapping needs, plus ChangeMessageVisibility for the relay's backoff. */
const queueConsumeActions = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
];

function throughService(service: string, region: string) {
  return { StringEquals: { 'kms:ViaService': `${service}.${region}.amazonaws.com` } };
}

/** Turns a function's declared access into the statements of its one IAM role. */
export function functionPolicyStatements(
  access: FunctionAccess,
  resources: AccessibleResources,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const { table: name, mode, scans } of access.tables ?? []) {
    const table = resources.table(name);
    const indexArns = table.indexNames.map((index) => `${table.tableArn}/index/${index}`);
    statements.push(
      new PolicyStatement({ actions: tableReadActions, resources: [table.tableArn, ...indexArns] }),
      new PolicyStatement({
        actions:
          mode === 'read-write' ? [...tableKeyReadActions, ...tableKeyWriteActions] : tableKeyReadActions,
        resources: [resources.dataKeyArn],
        conditions: throughService('dynamodb', resources.region),
      }),
    );
    if (mode === 'read-write') {
      statements.push(new PolicyStatement({ actions: tableWriteActions, resources: [table.tableArn] }));
    }
    if (scans) {
      statements.push(new PolicyStatement({ actions: ['dynamodb:Scan'], resources: [table.tableArn] }));
    }
  }
  for (const queue of access.sendsTo ?? []) {
    statements.push(
      new PolicyStatement({ actions: queueSendActions, resources: [resources.queueArn(queue)] }),
    );
  }
  const monitored = (access.monitors ?? []).filter(
    (queue) => !(access.sendsTo ?? []).includes(queue) && !(access.consumes ?? []).includes(queue),
  );
  if (monitored.length > 0) {
    statements.push(
      new PolicyStatement({
        actions: ['sqs:GetQueueAttributes'],
        resources: monitored.map((queue) => resources.queueArn(queue)),
      }),
    );
  }
  for (const queue of access.consumes ?? []) {
    statements.push(
      new PolicyStatement({ actions: queueConsumeActions, resources: [resources.queueArn(queue)] }),
    );
  }
  if (access.readsSecrets) {
    statements.push(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [resources.secretArn] }),
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [resources.dataKeyArn],
        conditions: throughService('secretsmanager', resources.region),
      }),
    );
  }
  if (access.sealsSecrets) {
    statements.push(
      new PolicyStatement({
        actions: access.sealsSecrets === 'seal' ? ['kms:Encrypt', 'kms:Decrypt'] : ['kms:Decrypt'],
        resources: [resources.sealingKeyArn],
        // Only calls that bind a connected system's id (functions/adapters/kms-secret-sealer.ts).
        conditions: { Null: { 'kms:EncryptionContext:connectedSystem': 'false' } },
      }),
    );
  }
  return statements;
}
