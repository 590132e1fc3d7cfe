import { createAesGcmSecretSealer } from '../adapters/aes-gcm-secret-sealer';
import { createKmsSecretSealer } from '../adapters/kms-secret-sealer';
import type { SecretSealer } from '../ports/connected-systems';
import type { RuntimeConfig } from './runtime-config';

/** A function without the sealing key (topology access `sealsSecrets`) fails loudly if it ever needs it. */
const noSealer: SecretSealer = {
  seal: () => Promise.reject(new Error('this function holds no secret-sealing key (topology sealsSecrets)')),
  unseal: () =>
    Promise.reject(new Error('this function holds no secret-sealing key (topology sealsSecrets)')),
};

/** The sealer a runtime's configuration names: KMS on AWS, AES-256-GCM locally. */
export function buildSecretSealer(sealing: RuntimeConfig['secretSealing'], region: string): SecretSealer {
  if (!sealing) return noSealer;
  if ('kmsKeyArn' in sealing) return createKmsSecretSealer(region, sealing.kmsKeyArn);
  return createAesGcmSecretSealer(Buffer.from(sealing.localKey, 'base64'));
}
