import type { KMSClient } from '@aws-sdk/client-kms';
import type { SecretSealer } from '../ports/connected-systems';

const PREFIX = 'kms1.';
/** The encryption context's key; KMS binds the pair to the ciphertext and logs it in CloudTrail. */
const CONTEXT_KEY = 'connectedSystem';

/**
 * Seals with the stack's KMS key (a webhook secret is far below KMS's 4 KB limit, so no
 * envelope is needed). Decrypt names the key too, so a ciphertext of another key is refused.
 * The KMS client's module loads at the first seal or unseal, not with the bundle: the functions
 * holding the key (topology `sealsSecrets`) pay for it once, when they first need it, and the
 * module stays out of every cold start (issue 24).
 */
export function createKmsSecretSealer(region: string, keyId: string): SecretSealer {
  let connecting: Promise<{ kms: KMSClient; sdk: typeof import('@aws-sdk/client-kms') }> | undefined;
  const connect = () => {
    connecting ??= import('@aws-sdk/client-kms').then((sdk) => ({ sdk, kms: new sdk.KMSClient({ region }) }));
    return connecting;
  };
  return {
    async seal(plaintext, context) {
      const { kms, sdk } = await connect();
      const result = await kms.send(
        new sdk.EncryptCommand({
          KeyId: keyId,
          Plaintext: new TextEncoder().encode(plaintext),
          EncryptionContext: { [CONTEXT_KEY]: context },
        }),
      );
      if (!result.CiphertextBlob) throw new Error('KMS answered no ciphertext');
      return `${PREFIX}${Buffer.from(result.CiphertextBlob).toString('base64')}`;
    },
    async unseal(sealed, context) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a value sealed with KMS');
      const { kms, sdk } = await connect();
      const result = await kms.send(
        new sdk.DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(sealed.slice(PREFIX.length), 'base64'),
          EncryptionContext: { [CONTEXT_KEY]: context },
        }),
      );
      if (!result.Plaintext) throw new Error('KMS answered no plaintext');
      return new TextDecoder().decode(result.Plaintext);
    },
  };
}
