import { exportJWK, generateKeyPair } from 'jose';
import type { SigningKey } from '../../functions/adapters/jose-access-tokens';

/** A fresh ES256 key pair in the shape the gateway's secret stores it. */
export async function aSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}
