import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { SigningKey } from '../../functions/adapters/jose-access-tokens';
import type { GatewaySecrets } from '../../functions/wiring/runtime-config';
import {
  demoLgspClient,
  demoNationalPortalAccount,
  demoNationalPushSecret,
  demoPaymentPartner,
  demoWebhookSecret,
} from './demo-credentials';

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    kid: randomUUID(),
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey),
  };
}

/**
 * The local stand-in for the gateway's Secrets Manager secret: generated on first start and
 * kept under the data directory (so tokens survive a restart), or in memory for tests.
 */
export async function loadLocalSecrets(dataDir: string | null): Promise<GatewaySecrets> {
  const file = dataDir ? join(dataDir, 'secrets.json') : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as GatewaySecrets;
  const secrets: GatewaySecrets = {
    signingKeys: [await newSigningKey()],
    nationalPortal: demoNationalPortalAccount,
    webhookSecrets: { 'demo-province': [demoWebhookSecret] },
    nationalLgsp: demoLgspClient,
    nationalPushSecrets: [demoNationalPushSecret],
    paymentPlatform: {
      partnerCode: demoPaymentPartner.partnerCode,
      secrets: [demoPaymentPartner.secret],
      apiToken: demoPaymentPartner.apiToken,
    },
  };
  if (file && dataDir) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
