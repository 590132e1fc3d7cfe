import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GatewaySecrets } from '../../../functions/wiring/runtime-config';
import { environment, type FunctionSpec, topology } from '../../../infra/topology';
import { findResource, type SynthesizedGateway, synthGateway } from '../../support/synth-gateway';

/**
 * The stack and functions/wiring/aws.ts must agree on the environment: each function, given
 * exactly the variables the template sets (tokens replaced by plausible values), builds its
 * dependencies at cold start.
 */
const secretsManager = mockClient(SecretsManagerClient);
const functions = topology.functions as readonly FunctionSpec[];

let synthesized: SynthesizedGateway;
let secrets: GatewaySecrets;
beforeAll(async () => {
  synthesized = synthGateway();
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  secrets = {
    signingKeys: [
      { kid: 'k1', privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) },
    ],
    nationalPortal: {
      username: 'gateway',
      password: 'secret',
      madonvi: '000.00.00.H12',
      dstcode: 'DVCQG-H12',
    },
    webhookSecrets: {},
  };
});
afterAll(() => synthesized.cleanup());
afterEach(() => {
  vi.unstubAllEnvs();
  secretsManager.reset();
});

/** The function's variables as Lambda would see them: CloudFormation references become values. */
function deployedEnvironment(functionName: string): Record<string, string> {
  const { properties } = findResource(
    synthesized.template,
    'AWS::Lambda::Function',
    (candidate) => candidate.FunctionName === `lien-thong-demo-dev-${functionName}`,
  );
  const variables = (properties.Environment as { Variables: Record<string, unknown> }).Variables;
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : `https://resolved.example/${name.toLowerCase()}`,
    ]),
  );
}

/**
 * The wiring of the function's entry: the API's builds only what systems call (wiring/aws-api.ts),
 * the console's everything and people's sign-in (wiring/aws-console.ts), a worker's all but the
 * callers' checks (wiring/aws.ts).
 */
async function coldStart(variables: Record<string, string>, entry = 'functions/handlers/api.ts') {
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
  vi.stubEnv('AWS_REGION', 'ap-southeast-1');
  // Each secret answers only under its own name: the gateway's JSON, the console client's text.
  secretsManager
    .on(GetSecretValueCommand)
    .rejects(new Error('ResourceNotFoundException'))
    .on(GetSecretValueCommand, { SecretId: variables[environment.secretsArn] })
    .resolves({ SecretString: JSON.stringify(secrets) })
    .on(GetSecretValueCommand, { SecretId: variables[environment.consoleClientSecretArn] })
    .resolves({ SecretString: 'cognito-client-secret' });
  // A fresh module: wiring/aws.ts keeps its dependencies for the life of the process.
  vi.resetModules();
  if (entry === 'functions/handlers/api.ts') {
    const { loadAwsApiDependencies } = await import('../../../functions/wiring/aws-api');
    return loadAwsApiDependencies();
  }
  if (entry === 'functions/handlers/console.ts') {
    const { loadAwsConsoleDependencies } = await import('../../../functions/wiring/aws-console');
    return loadAwsConsoleDependencies();
  }
  const { loadAwsWorkerDependencies } = await import('../../../functions/wiring/aws');
  return loadAwsWorkerDependencies();
}

describe('the environment the stack gives each function', () => {
  it.each(functions)('lets $name build its dependencies at cold start', async (fn) => {
    const variables = deployedEnvironment(fn.name);
    const dependencies: { store: unknown; tokens?: unknown; personSignIn?: { issuer: string } } =
      await coldStart(variables, fn.entry);
    expect(dependencies.store).toBeDefined();
    // Only the HTTP functions check access tokens.
    expect(dependencies.tokens !== undefined, fn.name).toBe(fn.trigger.kind === 'http');
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input.SecretId).toBe(
      variables[environment.secretsArn],
    );
    // Only the function serving the console signs people in, at the issuer the stack made.
    expect(dependencies.personSignIn?.issuer).toBe(
      fn.access.servesConsole ? variables[environment.consoleIssuerUrl] : undefined,
    );
  });

  it('would not, were a variable missing', async () => {
    const { [environment.tableName]: _missing, ...variables } = deployedEnvironment('api');
    vi.stubEnv(environment.tableName, '');
    await expect(coldStart(variables)).rejects.toThrow(
      `environment variable ${environment.tableName} is not set`,
    );
  });
});
