import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsSolutionsChecks } from 'cdk-nag';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConsoleIdentity } from '../../../infra/aws/console-identity';
import { readDeploymentConfig } from '../../../infra/aws/deployment-config';
import { environment, type FunctionSpec, topology } from '../../../infra/topology';
import {
  consoleVariables,
  findResource,
  resourcesOfType,
  type SynthesizedGateway,
  synthGateway,
} from '../../support/synth-gateway';

const prefix = 'lien-thong-demo-dev';
const functions = topology.functions as readonly FunctionSpec[];

/** A province's Keycloak, as the runbook configures it. */
const keycloak = {
  consoleIssuerUrl: 'https://sso.h12.example.vn/realms/lien-thong',
  consoleClientId: 'lien-thong-console',
  consoleClientSecretId: 'h12/console-oidc',
  consoleGroupsClaim: 'realm_access.roles',
  consoleRoleOfGroup: '{"lt-xem":"viewer","lt-van-hanh":"operator","lt-an-ninh":"security"}',
} as const;

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

let pool: SynthesizedGateway;
let external: SynthesizedGateway;
// Two synths (cdk-nag runs in each; an unacknowledged finding throws), unbundled.
beforeAll(() => {
  pool = synthGateway();
  external = synthGateway({ context: keycloak });
}, 240_000);
afterAll(() => {
  pool?.cleanup();
  external?.cleanup();
});

function variablesOf(synthesized: SynthesizedGateway, name: string): Record<string, unknown> {
  const { properties } = findResource(
    synthesized.template,
    'AWS::Lambda::Function',
    (p) => p.FunctionName === `${prefix}-${name}`,
  );
  return (properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

/** Every statement of the policies attached to a function's role. */
function roleStatements(synthesized: SynthesizedGateway, name: string): Statement[] {
  const { properties } = findResource(
    synthesized.template,
    'AWS::Lambda::Function',
    (p) => p.FunctionName === `${prefix}-${name}`,
  );
  const [roleId] = (properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
  return Object.values(resourcesOfType(synthesized.template, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** The secrets a function's role may read (statements on several are merged by the CDK). */
const secretReads = (synthesized: SynthesizedGateway, name: string) =>
  roleStatements(synthesized, name)
    .filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'))
    .flatMap((statement) => [statement.Resource].flat());
/** Exactly these, in any order. */
const sameSet = (expected: unknown[]) =>
  expect.toSatisfy(
    (actual: unknown[]) =>
      actual.length === expected.length && expect.arrayContaining(expected).asymmetricMatch(actual),
  );
const gatewaySecretRef = { Ref: expect.stringMatching(/^GatewaySecrets/) };

describe('by default, a Cognito user pool for the console people', () => {
  const only = (type: string) => {
    const resources = Object.entries(resourcesOfType(pool.template, type));
    expect(resources, type).toHaveLength(1);
    return resources[0] as [string, { Properties: Record<string, unknown> }];
  };

  it('requires MFA with an authenticator app, a strong password, and threat protection', () => {
    const [, userPool] = only('AWS::Cognito::UserPool');
    expect(userPool.Properties).toMatchObject({
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      // Only an administrator creates people.
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolName: `${prefix}-console`,
    });
  });

  it('has one group per role', () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const groups = Object.values(resourcesOfType(pool.template, 'AWS::Cognito::UserPoolGroup'));
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual([
      'operator',
      'security',
      'viewer',
    ]);
    for (const group of groups) expect(group.Properties.UserPoolId).toEqual({ Ref: poolId });
  });

  it('registers the console as a confidential client of the authorization code flow only, with its callback and sign-out page', () => {
    const [, client] = only('AWS::Cognito::UserPoolClient');
    const apiEndpoint = { 'Fn::GetAtt': [expect.stringMatching(/^Api/), 'ApiEndpoint'] };
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'profile'],
      GenerateSecret: true,
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      CallbackURLs: [{ 'Fn::Join': ['', [apiEndpoint, '/admin/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [apiEndpoint, '/admin/login?notice=signed-out']] }],
    });
  });

  it('logs every sign-in attempt at its pages, failed ones included, to a log group with a retention', () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const [, delivery] = only('AWS::Cognito::LogDeliveryConfiguration');
    const logGroup = findResource(
      pool.template,
      'AWS::Logs::LogGroup',
      (p) => p.LogGroupName === `/aws/vendedlogs/cognito/${prefix}-console`,
    );
    expect(logGroup.properties.RetentionInDays).toBe(14);
    expect(delivery.Properties).toEqual({
      UserPoolId: { Ref: poolId },
      LogConfigurations: [
        {
          EventSource: 'userAuthEvents',
          LogLevel: 'INFO',
          CloudWatchLogsConfiguration: { LogGroupArn: { 'Fn::GetAtt': [logGroup.id, 'Arn'] } },
        },
      ],
    });
  });

  it('has a sign-in domain for the managed login pages', () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const [, domain] = only('AWS::Cognito::UserPoolDomain');
    expect(domain.Properties).toEqual({ Domain: prefix, UserPoolId: { Ref: poolId } });
  });

  it("copies the client's secret into a secret under the data key, by reference only", () => {
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    const secret = findResource(
      pool.template,
      'AWS::SecretsManager::Secret',
      (p) => p.Name === `${prefix}/console-client`,
    );
    expect(secret.properties.SecretString).toEqual({ 'Fn::GetAtt': [clientId, 'ClientSecret'] });
    expect(secret.properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] });
  });

  it('tells the function serving the console the pool, its client, the secret and the cognito:groups claim', () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    const secretId = findResource(
      pool.template,
      'AWS::SecretsManager::Secret',
      (p) => p.Name === `${prefix}/console-client`,
    ).id;
    expect(variablesOf(pool, 'console')).toMatchObject({
      [environment.consoleIssuerUrl]: {
        'Fn::Join': [
          '',
          [
            'https://cognito-idp.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
            '/',
            { Ref: poolId },
          ],
        ],
      },
      [environment.consoleClientId]: { Ref: clientId },
      [environment.consoleClientSecretArn]: { Ref: secretId },
      [environment.consoleGroupsClaim]: 'cognito:groups',
      [environment.consoleRoleOfGroup]: '{"viewer":"viewer","operator":"operator","security":"security"}',
      [environment.consoleSignOutRedirectParameter]: 'logout_uri',
    });
  });

  it('lets that function, and no other, read the secret: GetSecretValue on it alone, and its key only through Secrets Manager', () => {
    const secretId = findResource(
      pool.template,
      'AWS::SecretsManager::Secret',
      (p) => p.Name === `${prefix}/console-client`,
    ).id;
    for (const fn of functions) {
      expect(secretReads(pool, fn.name), fn.name).toEqual(
        fn.access.servesConsole ? sameSet([gatewaySecretRef, { Ref: secretId }]) : [gatewaySecretRef],
      );
      if (!fn.access.servesConsole) {
        for (const name of consoleVariables)
          expect(variablesOf(pool, fn.name), fn.name).not.toHaveProperty(name);
      }
    }
    const keyGrants = roleStatements(pool, 'console').filter(
      (statement) =>
        statement.Action === 'kms:Decrypt' && JSON.stringify(statement.Condition).includes('secretsmanager'),
    );
    expect(keyGrants).toEqual([
      expect.objectContaining({ Resource: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] } }),
    ]);
    expect(functions.filter((fn) => fn.access.servesConsole).map((fn) => fn.name)).toEqual(['console']);
  });
});

describe("with the province's own issuer in the context (e.g. Keycloak)", () => {
  it('creates no user pool, client, group, domain or copied secret', () => {
    const cognito = Object.values(
      external.template.toJSON().Resources as Record<string, { Type: string }>,
    ).filter((resource) => resource.Type.startsWith('AWS::Cognito::'));
    expect(cognito).toEqual([]);
    expect(
      Object.values(resourcesOfType(external.template, 'AWS::SecretsManager::Secret')).map(
        (s) => s.Properties.Name,
      ),
    ).toEqual([`${prefix}/gateway`]);
    expect(external.gateway.consoleIdentity.userPool).toBeUndefined();
  });

  it('tells the console function that issuer, its client, the secret, and the claim and mapping of the context', () => {
    expect(variablesOf(external, 'console')).toMatchObject({
      [environment.consoleIssuerUrl]: keycloak.consoleIssuerUrl,
      [environment.consoleClientId]: keycloak.consoleClientId,
      [environment.consoleClientSecretArn]: keycloak.consoleClientSecretId,
      [environment.consoleGroupsClaim]: 'realm_access.roles',
      [environment.consoleRoleOfGroup]: keycloak.consoleRoleOfGroup,
    });
    // A standard issuer: the console's sign-out uses post_logout_redirect_uri.
    expect(variablesOf(external, 'console')).not.toHaveProperty(environment.consoleSignOutRedirectParameter);
  });

  it('grants GetSecretValue on that one secret, by its name with the six-character suffix Secrets Manager adds', () => {
    const secretArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':secretsmanager:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':secret:h12/console-oidc-??????',
        ],
      ],
    };
    expect(secretReads(external, 'console')).toEqual(sameSet([gatewaySecretRef, secretArn]));
    for (const fn of functions.filter((candidate) => !candidate.access.servesConsole)) {
      expect(JSON.stringify(roleStatements(external, fn.name)), fn.name).not.toContain('console-oidc');
    }
  });

  it('stays clean under cdk-nag', () => {
    const report = new AwsSolutionsChecks().validateScope(external.app);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});

describe('the secret of an external issuer, named by ARN', () => {
  const statementsFor = (context: Record<string, string>) => {
    const stack = new Stack(new App(), 'Scratch', {
      env: { account: '111122223333', region: 'ap-southeast-1' },
    });
    const identity = createConsoleIdentity(stack, readDeploymentConfig({ ...keycloak, ...context }), {
      resourcePrefix: prefix,
      domainPrefix: prefix,
      consoleUrl: 'https://lienthong.h12.example.vn/admin',
      dataKey: new Key(stack, 'Key'),
      production: false,
      removalPolicy: RemovalPolicy.DESTROY,
      logRetention: RetentionDays.TWO_WEEKS,
    });
    return identity.statements.map((statement) => stack.resolve(statement.toStatementJson()) as Statement);
  };
  const arn = 'arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:h12/console-oidc';

  it('uses a complete ARN as it is, and adds the suffix to a partial one', () => {
    expect(statementsFor({ consoleClientSecretId: `${arn}-AbC123` })[0]?.Resource).toBe(`${arn}-AbC123`);
    expect(statementsFor({ consoleClientSecretId: arn })[0]?.Resource).toBe(`${arn}-??????`);
  });

  it("may decrypt with the secret's own key, only through Secrets Manager, when the context names it", () => {
    const keyArn = 'arn:aws:kms:ap-southeast-1:111122223333:key/0000';
    expect(statementsFor({ consoleClientSecretKeyArn: keyArn })).toContainEqual(
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Resource: keyArn,
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.ap-southeast-1.amazonaws.com' } },
      }),
    );
    expect(statementsFor({})).toHaveLength(1);
  });
});

describe('the console settings of the context', () => {
  it('take an external issuer whole or not at all', () => {
    expect(() => readDeploymentConfig({ consoleIssuerUrl: keycloak.consoleIssuerUrl })).toThrow(
      /consoleIssuerUrl, consoleClientId and consoleClientSecretId go together/,
    );
    expect(() => readDeploymentConfig({ ...keycloak, consoleIssuerUrl: 'http://sso.example.vn/' })).toThrow(
      /consoleIssuerUrl/,
    );
  });

  it('refuse a role mapping they cannot read, naming it', () => {
    expect(() => readDeploymentConfig({ consoleRoleOfGroup: '{"lt-xem":"admin"}' })).toThrow(
      /consoleRoleOfGroup: .*viewer, operator, security/,
    );
  });
});

describe('the cold start of the console function with what the external variant sets', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  afterEach(() => {
    vi.unstubAllEnvs();
    secretsManager.reset();
  });

  it("reads the client secret from the context's secret and signs people in at that issuer", async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const gatewaySecrets = {
      signingKeys: [
        { kid: 'k1', privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) },
      ],
      nationalPortal: { username: 'u', password: 'p', madonvi: '000.00.00.H12', dstcode: 'DVCQG-H12' },
      webhookSecrets: {},
    };
    const variables = variablesOf(external, 'console');
    for (const [name, value] of Object.entries(variables)) {
      vi.stubEnv(name, typeof value === 'string' ? value : `https://resolved.example/${name.toLowerCase()}`);
    }
    vi.stubEnv('AWS_REGION', 'ap-southeast-1');
    secretsManager
      .on(GetSecretValueCommand)
      .rejects(new Error('no such secret'))
      .on(GetSecretValueCommand, { SecretId: 'https://resolved.example/gateway_secrets_arn' })
      .resolves({ SecretString: JSON.stringify(gatewaySecrets) })
      .on(GetSecretValueCommand, { SecretId: keycloak.consoleClientSecretId })
      .resolves({ SecretString: 'keycloak-client-secret' });
    vi.resetModules();
    const { loadAwsConsoleDependencies } = await import('../../../functions/wiring/aws-console');
    const dependencies = await loadAwsConsoleDependencies();
    expect(dependencies.personSignIn?.issuer).toBe(keycloak.consoleIssuerUrl);
    expect(
      secretsManager.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input.SecretId),
    ).toContain(keycloak.consoleClientSecretId);
    // Importing the whole wiring (every adapter and the console) is most of this test's time.
  }, 120_000);
});
