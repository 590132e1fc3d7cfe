import { resolve } from 'node:path';
import { readConsoleRoleClaims } from '../../functions/wiring/console-role-claims';
import { parseNationalTransports } from '../../functions/wiring/parse-national-transports';
import { PROVINCE_WEBHOOK_PATH } from '../simulators/province-simulator';
import {
  demoClients,
  demoLgspClient,
  demoNationalPortalAccount,
  demoNationalPushSecret,
  demoPaymentPartner,
  demoPeople,
  demoPersonPassword,
  demoWebhookSecret,
} from './demo-credentials';
import { startLocalRuntime } from './start-local-runtime';

/** `npm start`: the whole gateway on this machine. Configuration by environment variables (docs/configuration.md). */
function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535)
    throw new Error(`${name} must be a port number, got ${value}`);
  return parsed;
}

// CloudWatch reads the business metrics' EMF lines on AWS; here they would only bury the log.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const inMemory = process.env.GATEWAY_IN_MEMORY === '1';
const dataDir = inMemory ? null : resolve(process.env.GATEWAY_DATA_DIR ?? '.data');
const nationalTransports = parseNationalTransports(process.env.NATIONAL_TRANSPORTS ?? '');

const runtime = await startLocalRuntime({
  ports: {
    gateway: port('GATEWAY_PORT', 3000),
    nationalPortal: port('NATIONAL_SIM_PORT', 3001),
    province: port('PROVINCE_SIM_PORT', 3003),
    payment: port('PAYMENT_SIM_PORT', 3002),
    dynamodb: port('DYNAMODB_PORT', 8000),
    sqs: port('SQS_PORT', 9324),
    identityProvider: port('IDP_PORT', 3004),
  },
  dataDir,
  consoleRoleClaims: readConsoleRoleClaims(process.env),
  logLevel: process.env.LOG_LEVEL ?? 'INFO',
  nationalTransports,
  external: {
    ...(process.env.EXTERNAL_NATIONAL_PORTAL_URL
      ? { nationalPortalUrl: process.env.EXTERNAL_NATIONAL_PORTAL_URL }
      : {}),
    ...(process.env.EXTERNAL_PROVINCE_URL ? { provinceUrl: process.env.EXTERNAL_PROVINCE_URL } : {}),
    ...(process.env.EXTERNAL_PAYMENT_URL ? { paymentUrl: process.env.EXTERNAL_PAYMENT_URL } : {}),
  },
  ...(process.env.RETRY_BASE_SECONDS
    ? {
        retryPolicy: {
          baseSeconds: Number(process.env.RETRY_BASE_SECONDS),
          capSeconds: Number(process.env.RETRY_CAP_SECONDS ?? 30),
        },
      }
    : {}),
});
const lgspProvinces = Object.keys(nationalTransports).filter((key) => nationalTransports[key] === 'lgsp');

const lines = [
  '',
  'Liên thông Gateway — local runtime',
  '',
  `  Gateway API              ${runtime.urls.gateway}`,
  `  Health                   ${runtime.urls.gateway}/health`,
  `  Admin console            ${runtime.urls.gateway}/admin   (people below sign in through the identity provider)`,
  `  Identity provider        ${runtime.urls.identityProvider}   (OpenID Connect; discovery: ${runtime.urls.identityProvider}/.well-known/openid-configuration)`,
  `  API reference            ${runtime.urls.gateway}/docs   (OpenAPI: ${runtime.urls.gateway}/openapi.json)`,
  `  National portal (sim)    ${runtime.urls.nationalPortal}   (received: ${runtime.urls.nationalPortal}/_sim/received)`,
  `  Payment platform (sim)   ${runtime.urls.payment}   (received: ${runtime.urls.payment}/_sim/received, callbacks: ${runtime.urls.payment}/_sim/callbacks)`,
  `  Provincial system (sim)  ${runtime.urls.province}   (received: ${runtime.urls.province}/_sim/received)`,
  `    receives webhooks at   ${runtime.urls.province}${PROVINCE_WEBHOOK_PATH}`,
  `  DynamoDB emulator        ${runtime.urls.dynamodb}`,
  `  SQS emulator             ${runtime.urls.sqs}`,
  `  Data                     ${dataDir ?? 'in memory (GATEWAY_IN_MEMORY=1)'}`,
  `  National transports      LGSP REST for ${lgspProvinces.join(' ') || 'nobody'}, session envelope for the rest (NATIONAL_TRANSPORTS)`,
  '',
  `Demo people for the console (local runtime only), password "${demoPersonPassword}":`,
  ...demoPeople.map(
    (person) => `  ${person.subject.padEnd(16)} ${person.name.padEnd(20)} role ${person.role}`,
  ),
  '',
  'Demo API clients and partners (local runtime only):',
  ...demoClients.map(
    (client) =>
      `  ${client.clientId.padEnd(16)} secret ${client.secret.padEnd(20)} scopes ${client.scopes.join(' ')}${client.agencies.length ? `  agencies ${client.agencies.join(' ')}` : ''}`,
  ),
  `  national portal user     ${demoNationalPortalAccount.username} / ${demoNationalPortalAccount.password}`,
  `  national LGSP client     ${demoLgspClient.clientId} / ${demoLgspClient.clientSecret}`,
  `  webhook signing          ${demoWebhookSecret}  (demo-province verifies the gateway's webhooks with it)`,
  `  national push signing    ${demoNationalPushSecret}  (npm run push:national -- docs/examples/national-dossier.json)`,
  `  payment partner          ${demoPaymentPartner.partnerCode} / ${demoPaymentPartner.secret}   (API token ${demoPaymentPartner.apiToken})`,
  '',
  'Try:',
  `  curl -s ${runtime.urls.gateway}/oauth/token -d grant_type=client_credentials -d client_id=demo-province -d client_secret=demo-secret`,
  '  the five-minute tour in README.md; the vendor guide (docs/vendor-guide.md) has every flow',
  '',
  'Ctrl-C stops everything cleanly.',
  '',
];
console.log(lines.join('\n'));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping — finishing in-flight messages…`);
  const forced = setTimeout(() => {
    console.error('did not stop within 20 s; exiting');
    process.exit(1);
  }, 20_000);
  forced.unref();
  await runtime.stop();
  console.log('stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
