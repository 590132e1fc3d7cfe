import { randomBytes, randomUUID } from 'node:crypto';
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
} from './demo-credentials';

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    kid: randomUUID(),
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey),
  };
}

/** A fresh AES-256 key (base64) to seal connected systems' webhook secrets with. */
const newSealingKey = () => randomBytes(32).toString('base64');

/**
 * The local stand-in for the gateway's Secrets Manager secret: generated on first start and
 * kept under the data directory (so tokens and sealed secrets survive a restart), or in memory
 * for tests. A file from before sealing gets its sealing key added once.
 */
export async function loadLocalSecrets(dataDir: string | null): Promise<GatewaySecrets> {
  const file = dataDir ? join(dataDir, 'secrets.json') : undefined;
  if (file && existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as GatewaySecrets;
    if (saved.localSealingKey) return saved;
    const completed = { ...saved, localSealingKey: newSealingKey() };
    writeFileSync(file, JSON.stringify(completed, null, 2), { mode: 0o600 });
    return completed;
  }
  const secrets: GatewaySecrets = {
    signingKeys: [await newSigningKey()],
    nationalPortal: demoNationalPortalAccount,
    // The demo province is a connected system (its secret sealed in the table); nothing here.
    webhookSecrets: {},
    localSealingKey: newSealingKey(),
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
