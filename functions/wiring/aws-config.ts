import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { channelQueues, environment, queueUrlVariable, service, topology } from '../../infra/topology';
import { parseNationalTransports } from './parse-national-transports';
import { paymentPartnerProfile } from './payment-partner-profile';
import { requiredVariable } from './required-variable';
import type { GatewaySecrets, RuntimeConfig } from './runtime-config';

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
 * The runtime configuration on AWS: names from the environment the stack sets, secrets from
 * Secrets Manager. Each function's wiring (aws.ts, aws-api.ts, aws-console.ts) builds from it.
 */
export async function loadAwsConfig(): Promise<RuntimeConfig> {
  const region = requiredVariable('AWS_REGION');
  const secretsManager = new SecretsManagerClient({ region });
  const secretValue = await secretsManager.send(
    new GetSecretValueCommand({ SecretId: requiredVariable(environment.secretsArn) }),
  );
  const secrets = JSON.parse(secretValue.SecretString ?? '{}') as GatewaySecrets;
  // A function gets the URLs of the queues its topology access names; the others stay empty
  // and fail loudly if ever used.
  const queue = (name: string) => ({ name, url: process.env[queueUrlVariable(name)] ?? '' });
  return {
    stage: requiredVariable(environment.stage),
    region,
    tableName: requiredVariable(environment.tableName),
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
      baseUrl: requiredVariable(environment.nationalPortalUrl),
      username: secrets.nationalPortal.username,
      password: secrets.nationalPortal.password,
      session: sessionAccountOf(secrets),
      transports: parseNationalTransports(
        process.env[environment.nationalTransports] ?? '',
        environment.nationalTransports,
      ),
      ...(secrets.nationalLgsp && process.env[environment.nationalLgspUrl]
        ? { lgsp: { baseUrl: requiredVariable(environment.nationalLgspUrl), ...secrets.nationalLgsp } }
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
            baseUrl: requiredVariable(environment.paymentPlatformUrl),
          },
        }
      : {}),
    payments: topology.payments,
    nationalPushAllowList: (process.env[environment.nationalPushAllowList] ?? '').split(',').filter(Boolean),
    tokens: {
      issuer: requiredVariable(environment.tokenIssuer),
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
      ? { secretSealing: { kmsKeyArn: requiredVariable(environment.sealingKeyArn) } }
      : {}),
  };
}
