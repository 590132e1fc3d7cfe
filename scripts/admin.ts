import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { AuditActor } from '../contracts/admin-api';
import { buildOperatorSystems } from '../functions/wiring/build-operator-systems';
import { cloudFormationOutputs, outputsFile, type StackOutputsSource } from './admin-stack-outputs';

/**
 * `npm run admin -- <command>`: what an operator does with the deployer's AWS credentials
 * before anyone can sign in (docs/operator-runbook.md, section 2). It reads the stack's outputs and
 * writes through the same use case as POST /v1/admin/systems; never a hand-written item.
 *
 *   bootstrap [--id <id>] [--name <name>]   the first administrator system; its secret once
 *   systems list                            every connected system, never a secret
 *
 * Options: --stack <name> (LienThong-<province>-<stage>), --region (else AWS_REGION),
 * --outputs-file <cdk outputs JSON> instead of CloudFormation.
 */

export interface AdminCommandOptions {
  /** Where the stack's outputs come from; CloudFormation by default. */
  readonly outputs?: StackOutputsSource;
  /** An emulator instead of DynamoDB (tests). */
  readonly dynamodbEndpoint?: string;
  readonly print: (line: string) => void;
}

const usage =
  'usage: npm run admin -- bootstrap|systems list --stack <LienThong-H12-prod> [--region ap-southeast-1] [--outputs-file cdk-outputs.json] [--id <id>] [--name <name>]';

/** Runs one command; throws with what to fix on bad arguments or a refused write. */
export async function runAdminCommand(args: readonly string[], options: AdminCommandOptions): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      stack: { type: 'string' },
      region: { type: 'string' },
      'outputs-file': { type: 'string' },
      id: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const command = positionals.join(' ');
  if (command !== 'bootstrap' && command !== 'systems list') throw new Error(usage);
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!values.stack || !region)
    throw new Error(`--stack and --region (or AWS_REGION) are required\n${usage}`);
  const source =
    options.outputs ??
    (values['outputs-file'] ? outputsFile(values['outputs-file']) : cloudFormationOutputs(region));
  const outputs = await source(values.stack);
  const systems = buildOperatorSystems({
    region,
    tableName: outputs.GatewayTableName,
    secretSealing: { kmsKeyArn: outputs.SecretSealingKeyArn },
    ...(options.dynamodbEndpoint ? { dynamodbEndpoint: options.dynamodbEndpoint } : {}),
  });

  if (command === 'systems list') {
    for (const system of await systems.list()) {
      const grants = system.agencies.join(',') || '-';
      const state = system.disabled ? 'disabled' : 'enabled';
      options.print(`${system.systemId}\t${system.kind}\t${state}\t${grants}\t${system.name}`);
    }
    return;
  }

  const administrators = (await systems.list()).filter(
    (system) => system.kind === 'admin' && !system.disabled,
  );
  if (administrators.length > 0) {
    throw new Error(
      `an administrator system exists already (${administrators.map((system) => system.systemId).join(', ')}): register more with POST /v1/admin/systems or the console`,
    );
  }
  const operator: AuditActor = { type: 'client', clientId: `npm-run-admin:${userInfo().username}` };
  const issued = await systems.register(
    {
      ...(values.id ? { systemId: values.id } : {}),
      name: values.name ?? 'Quản trị viên đầu tiên / First administrator',
      kind: 'admin',
      agencies: [],
    },
    operator,
  );
  options.print(`client_id=${issued.clientId}`);
  options.print(`client_secret=${issued.clientSecret}`);
  options.print('Keep the secret now: it is shown this once and stored only as a hash.');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAdminCommand(process.argv.slice(2), { print: (line) => process.stdout.write(`${line}\n`) }).catch(
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
