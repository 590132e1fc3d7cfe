import { ArnFormat, Duration, type RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnLogDeliveryConfiguration,
  type CfnUserPoolClient,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { sameNameRoles } from '../../functions/core/console-roles';
import { parseRoleOfGroup } from '../../functions/wiring/console-role-claims';
import { environment } from '../topology';
import type { DeploymentConfig } from './deployment-config';

export interface ConsoleIdentityOptions {
  readonly resourcePrefix: string;
  /** The user pool's sign-in domain prefix (`<prefix>.auth.<region>.amazoncognito.com`). */
  readonly domainPrefix: string;
  /** The console's public address (`https://<gateway>/admin`): its callback and sign-out page are under it. */
  readonly consoleUrl: string;
  /** Encrypts the copy of the user pool client's secret. */
  readonly dataKey: IKey;
  readonly production: boolean;
  readonly removalPolicy: RemovalPolicy;
  /** How long the user pool's sign-in events are kept. */
  readonly logRetention: RetentionDays;
}

/** Where the console's people sign in, and what the function serving the console needs for it. */
export interface ConsoleIdentity {
  /** The CONSOLE_* variables of that function (functions/wiring/aws.ts reads them). */
  readonly environment: Readonly<Record<string, string>>;
  /** All it may do: read the one secret holding the client's secret (and decrypt it). */
  readonly statements: readonly PolicyStatement[];
  /** Only when the stack made the issuer. */
  readonly userPool?: {
    pool: UserPool;
    client: UserPoolClient;
    domain: UserPoolDomain;
    clientSecret: Secret;
  };
}

/** Secrets Manager's grammar for a secret's full ARN: its name, a hyphen and six random characters. */
const COMPLETE_SECRET_ARN = /:secret:.+-[A-Za-z0-9]{6}$/;

/** The ARN that matches exactly the secret a name or an ARN names (a name gets its six-character suffix). */
function policyArnOfSecret(stack: Stack, secretId: string): string {
  if (secretId.startsWith('arn:')) {
    return COMPLETE_SECRET_ARN.test(secretId) ? secretId : `${secretId}-??????`;
  }
  return stack.formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName: `${secretId}-??????`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** GetSecretValue on the one secret, and Decrypt with its key only through Secrets Manager. */
function secretReadStatements(stack: Stack, secretArn: string, keyArn: string | undefined) {
  return [
    new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secretArn] }),
    ...(keyArn
      ? [
          new PolicyStatement({
            actions: ['kms:Decrypt'],
            resources: [keyArn],
            conditions: {
              StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` },
            },
          }),
        ]
      : []),
  ];
}

/**
 * The user pool the stack makes when the province brings no issuer: people are created by an
 * administrator only, sign in with e-mail, a strong password and a TOTP app (MFA required),
 * under Cognito's threat protection (Plus plan: compromised credentials, risky sign-ins); one
 * group per mapped group name; the console is its one client, authorization code with PKCE
 * (the console sends the S256 challenge), no other flow.
 */
function createUserPool(
  scope: Construct,
  roleOfGroup: Record<string, string>,
  options: ConsoleIdentityOptions,
) {
  const prefix = options.resourcePrefix;
  const pool = new UserPool(scope, 'ConsoleUserPool', {
    userPoolName: `${prefix}-console`,
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    standardAttributes: {
      email: { required: true, mutable: true },
      fullname: { required: true, mutable: true },
    },
    mfa: Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: {
      minLength: 14,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
      passwordHistorySize: 12,
    },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    featurePlan: FeaturePlan.PLUS,
    standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
    userInvitation: {
      emailSubject: 'Tài khoản bảng điều khiển Liên thông Gateway / Your Liên thông Gateway console account',
      emailBody:
        'Tên đăng nhập / Username: {username}<br>Mật khẩu tạm / Temporary password: {####}<br>' +
        `Đăng nhập tại / Sign in at ${options.consoleUrl}; bạn sẽ đặt mật khẩu mới và ứng dụng xác thực (TOTP) / you will set a new password and an authenticator app (TOTP).`,
    },
    userVerification: {
      emailSubject: 'Mã xác minh Liên thông Gateway / Your Liên thông Gateway verification code',
      emailBody: 'Mã xác minh của bạn / Your verification code: {####}',
    },
    deletionProtection: options.production,
    removalPolicy: options.removalPolicy,
  });
  for (const [groupName, role] of Object.entries(roleOfGroup)) {
    new UserPoolGroup(scope, `ConsoleGroup:${groupName}`, {
      userPool: pool,
      groupName,
      description: `Vai trò / role ${role} (docs/operator-runbook.md)`,
    });
  }
  const client = pool.addClient('ConsoleClient', {
    userPoolClientName: `${prefix}-console`,
    generateSecret: true,
    // Managed login only: no password, SRP or custom flow through the API (only the refresh
    // token flow, which Cognito always keeps).
    authFlows: { user: false, userPassword: false, userSrp: false, custom: false, adminUserPassword: false },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [OAuthScope.OPENID, OAuthScope.PROFILE],
      callbackUrls: [`${options.consoleUrl}/callback`],
      logoutUrls: [`${options.consoleUrl}/login?notice=signed-out`],
    },
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    // The console reads the ID token once, at the callback, and keeps its own session.
    idTokenValidity: Duration.minutes(10),
    accessTokenValidity: Duration.minutes(10),
    refreshTokenValidity: Duration.hours(1),
  });
  // People sign in at Cognito's pages, not the gateway's: every attempt, failed ones included,
  // is logged there (a Plus plan feature), beside the gateway's own audit of sessions.
  const signInEvents = new LogGroup(scope, 'ConsoleSignInEvents', {
    logGroupName: `/aws/vendedlogs/cognito/${prefix}-console`,
    retention: options.logRetention,
    removalPolicy: options.removalPolicy,
  });
  new CfnLogDeliveryConfiguration(scope, 'ConsoleSignInEventDelivery', {
    userPoolId: pool.userPoolId,
    logConfigurations: [
      {
        eventSource: 'userAuthEvents',
        logLevel: 'INFO',
        cloudWatchLogsConfiguration: { logGroupArn: signInEvents.logGroupArn },
      },
    ],
  });
  const domain = pool.addDomain('ConsoleSignInDomain', {
    cognitoDomain: { domainPrefix: options.domainPrefix },
  });
  // CloudFormation hands the generated client secret to the secret: the template holds only
  // the reference, and no helper function (CDK's userPoolClientSecret) is needed.
  const clientSecret = new Secret(scope, 'ConsoleClientSecret', {
    secretName: `${prefix}/console-client`,
    description: 'The console app client secret, copied from the Cognito user pool client at deploy',
    encryptionKey: options.dataKey,
    secretStringValue: SecretValue.resourceAttribute(
      (client.node.defaultChild as CfnUserPoolClient).attrClientSecret,
    ),
    removalPolicy: options.removalPolicy,
  });
  Validations.of(clientSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The value is the Cognito app client secret, which Cognito generates and owns: this secret is only its copy, ' +
      'rewritten from the client at every deploy. A Lambda rotation here could not change it at Cognito; a new ' +
      'client secret comes from replacing the app client (docs/operator-runbook.md).',
  });
  return { pool, client, domain, clientSecret };
}

/**
 * People's sign-in for the console: a Cognito user pool by default, or the province's own
 * issuer when the context names one (then no pool is made). Either way the function serving
 * the console gets the issuer, the client, the role claim settings and one secret to read.
 */
export function createConsoleIdentity(
  scope: Construct,
  config: DeploymentConfig,
  options: ConsoleIdentityOptions,
): ConsoleIdentity {
  const stack = Stack.of(scope);
  const roleOfGroup = config.consoleRoleOfGroup
    ? parseRoleOfGroup(config.consoleRoleOfGroup, 'consoleRoleOfGroup')
    : sameNameRoles;
  const shared = {
    [environment.consoleUrl]: options.consoleUrl,
    [environment.consoleRoleOfGroup]: JSON.stringify(roleOfGroup),
  };
  if (config.consoleIssuerUrl && config.consoleClientId && config.consoleClientSecretId) {
    return {
      environment: {
        ...shared,
        [environment.consoleIssuerUrl]: config.consoleIssuerUrl,
        [environment.consoleClientId]: config.consoleClientId,
        [environment.consoleClientSecretArn]: config.consoleClientSecretId,
        [environment.consoleGroupsClaim]: config.consoleGroupsClaim ?? 'groups',
      },
      statements: secretReadStatements(
        stack,
        policyArnOfSecret(stack, config.consoleClientSecretId),
        config.consoleClientSecretKeyArn,
      ),
    };
  }
  const userPool = createUserPool(scope, roleOfGroup, options);
  return {
    environment: {
      ...shared,
      [environment.consoleIssuerUrl]: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.pool.userPoolId}`,
      [environment.consoleClientId]: userPool.client.userPoolClientId,
      [environment.consoleClientSecretArn]: userPool.clientSecret.secretArn,
      [environment.consoleGroupsClaim]: config.consoleGroupsClaim ?? 'cognito:groups',
      // Cognito's /logout ends its own session too, given the client and `logout_uri`.
      [environment.consoleSignOutRedirectParameter]: 'logout_uri',
    },
    statements: secretReadStatements(stack, userPool.clientSecret.secretArn, options.dataKey.keyArn),
    userPool,
  };
}
