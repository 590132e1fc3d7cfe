import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createKmsSecretSealer } from '../../../functions/adapters/kms-secret-sealer';

const kms = mockClient(KMSClient);
afterEach(() => kms.reset());

const KEY = 'arn:aws:kms:ap-southeast-1:111122223333:key/sealing';

describe('the KMS secret sealer', () => {
  it('seals with the key, binding the connected system as encryption context', async () => {
    // Prepare
    kms.on(EncryptCommand).resolves({ CiphertextBlob: new Uint8Array([1, 2, 3]) });
    const sealer = createKmsSecretSealer('ap-southeast-1', KEY);

    // Act
    const sealed = await sealer.seal('whsec_secret', 'system-1');

    // Assess
    expect(sealed).toBe(`kms1.${Buffer.from([1, 2, 3]).toString('base64')}`);
    const input = kms.commandCalls(EncryptCommand)[0]?.args[0].input;
    expect(input?.KeyId).toBe(KEY);
    expect(input?.EncryptionContext).toEqual({ connectedSystem: 'system-1' });
    expect(new TextDecoder().decode(input?.Plaintext)).toBe('whsec_secret');
  });

  it('opens what it sealed, naming the key so that another key’s ciphertext is refused', async () => {
    // Prepare
    kms.on(DecryptCommand).resolves({ Plaintext: new TextEncoder().encode('whsec_secret') });
    const sealer = createKmsSecretSealer('ap-southeast-1', KEY);

    // Act
    const opened = await sealer.unseal(`kms1.${Buffer.from([1, 2, 3]).toString('base64')}`, 'system-1');

    // Assess
    expect(opened).toBe('whsec_secret');
    const input = kms.commandCalls(DecryptCommand)[0]?.args[0].input;
    expect(input?.KeyId).toBe(KEY);
    expect(input?.EncryptionContext).toEqual({ connectedSystem: 'system-1' });
  });

  it('refuses a value another sealer made, without calling KMS', async () => {
    const sealer = createKmsSecretSealer('ap-southeast-1', KEY);
    await expect(sealer.unseal('aes1.abc', 'system-1')).rejects.toThrow('not a value sealed with KMS');
    expect(kms.calls()).toHaveLength(0);
  });
});
