import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { channelQueues, environment, queueUrlVariable, service, topology } from '../../infra/topology';
import { buildDependencies, type GatewayDependencies } from './build-dependencies';
import { readConsoleRoleClaims } from './console-role-claims';
import { parseNationalTransports } from './parse-national-transports';
import { paymentPartnerProfile } from './payment-partner-profile';
import type { GatewaySecrets } from './runtime-config';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** The session account's constants travel with its credentials in the secret. */
function sessionAccountOf(secrets: GatewaySecrets) {
  const { madonvi, dstcode, paths, lookupEndpoint } = secrets.nationalPortal;
  if (!madonvi || !dstcode) {
    throw new Error(
      'the secret nationalPortal needs madonvi and dstcode, the constants of the portal account',
    );
  }
  return { madonvi, dstcode, ...(paths ? { paths } : {}), ...(lookupEndpoint ? { lookupEndpoint } : {}) };
}

/**
 * People's sign-in when the stack configured an issuer (its Cognito user pool or the province's
 * own): the issuer, client and role claims from the environment, the client secret from the
 * one secret the stack lets this function read.
 */
async function consoleSignIn(secretsManager: SecretsManagerClient) {
  const issuer = process.env[environment.consoleIssuerUrl];
  if (!issuer) return {};
  const consoleUrl = required(environment.consoleUrl).replace(/\/$/, '');
  const { SecretString: clientSecret } = await secretsManager.send(
    new GetSecretValueCommand({ SecretId: required(environment.consoleClientSecretArn) }),
  );
  if (!clientSecret) {
    throw new Error(`the secret ${environment.consoleClientSecretArn} names has no text value`);
  }
  return {
    console: {
      issuer,
      clientId: required(environment.consoleClientId),
      clientSecret,
      redirectUri: `${consoleUrl}/callback`,
      postLogoutRedirectUri: `${consoleUrl}/login?notice=signed-out`,
      ...(process.env[environment.consoleSignOutRedirectParameter]
        ? { postLogoutRedirectParameter: process.env[environment.consoleSignOutRedirectParameter] }
        : {}),
      ...readConsoleRoleClaims(process.env),
    },
  };
}

let dependencies: Promise<GatewayDependencies> | undefined;

/** Cold-start wiring on AWS: names from the environment the stack sets, secrets from Secrets Manager. */
export function loadAwsDependencies(): Promise<GatewayDependencies> {
  dependencies ??= (async () => {
    const region = required('AWS_REGION');
    const secretsManager = new SecretsManagerClient({ region });
    const secretValue = await secretsManager.send(
      new GetSecretValueCommand({ SecretId: required(environment.secretsArn) }),
    );
    const secrets = JSON.parse(secretValue.SecretString ?? '{}') as GatewaySecrets;
    // A function gets the URLs of the queues its topology access names; the others stay empty
    // and fail loudly if ever used.
    const queue = (name: string) => ({ name, url: process.env[queueUrlVariable(name)] ?? '' });
    return buildDependencies({
      stage: required(environment.stage),
      region,
      tableName: required(environment.tableName),
      queues: {
        national: queue(channelQueues.national.queue.name),
        province: queue(channelQueues.province.queue.name),
      },
      deadLetterQueues: {
        national: queue(channelQueues.national.deadLetterQueue.name),
        province: queue(channelQueues.province.deadLetterQueue.name),
      },
      nationalPortal: {
        ...topology.endpoints.nationalPortal,
        baseUrl: required(environment.nationalPortalUrl),
        username: secrets.nationalPortal.username,
        password: secrets.nationalPortal.password,
        session: sessionAccountOf(secrets),
        transports: parseNationalTransports(
          process.env[environment.nationalTransports] ?? '',
          environment.nationalTransports,
        ),
        ...(secrets.nationalLgsp && process.env[environment.nationalLgspUrl]
          ? { lgsp: { baseUrl: required(environment.nationalLgspUrl), ...secrets.nationalLgsp } }
          : {}),
      },
      provinceWebhooks: {
        ...topology.endpoints.provinceWebhooks,
        secrets: secrets.webhookSecrets ?? {},
        allowLoopbackHttp: false,
      },
      ...(secrets.paymentPlatform && process.env[environment.paymentPlatformUrl]
        ? {
            paymentPlatform: {
              ...topology.endpoints.paymentPlatform,
              ...paymentPartnerProfile,
              ...secrets.paymentPlatform,
              baseUrl: required(environment.paymentPlatformUrl),
            },
          }
        : {}),
      payments: topology.payments,
      nationalPushAllowList: (process.env[environment.nationalPushAllowList] ?? '')
        .split(',')
        .filter(Boolean),
      tokens: {
        issuer: required(environment.tokenIssuer),
        audience: service.name,
        lifetimeSeconds: topology.security.tokenLifetimeSeconds,
        keys: secrets.signingKeys,
      },
      outbox: topology.outbox,
      retryPolicy: topology.retry,
      maxBodyBytes: 1024 * 1024,
      security: topology.security,
      nationalPushSecrets: secrets.nationalPushSecrets ?? [],
      retentionDays: topology.retention.days,
      deadlines: topology.deadlines,
      driftCheck: topology.driftCheck,
      endpointOperations: topology.endpointOperations,
      logLevel: process.env[environment.logLevel] ?? 'INFO',
      ...(process.env[environment.sealingKeyArn]
        ? { secretSealing: { kmsKeyArn: required(environment.sealingKeyArn) } }
        : {}),
      ...(await consoleSignIn(secretsManager)),
    });
  })();
  return dependencies;
}
