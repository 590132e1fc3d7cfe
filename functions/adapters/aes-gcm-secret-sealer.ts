import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../ports/connected-systems';

const ALGORITHM = 'aes-256-gcm';
/** NIST SP 800-38D: a 96-bit random IV per message, a 128-bit tag. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'gcm1';

/**
 * The local runtime's sealer: AES-256-GCM from node:crypto with a key from the local secrets,
 * the context as additional authenticated data. Stored as gcm1.<iv>.<ciphertext>.<tag>.
 */
export function createAesGcmSecretSealer(key: Buffer): SecretSealer {
  if (key.length !== 32) throw new Error('the sealing key must be 32 bytes (AES-256)');
  return {
    async seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [PREFIX, iv, ciphertext, cipher.getAuthTag()]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    async unseal(sealed, context) {
      const [prefix, iv, ciphertext, tag] = sealed.split('.');
      if (prefix !== PREFIX || !iv || ciphertext === undefined || !tag) {
        throw new Error('not a value sealed by this runtime');
      }
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      // final() throws when the tag does not verify: a wrong key, context or altered bytes.
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
