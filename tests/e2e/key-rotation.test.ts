import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewaySecrets } from '../../functions/wiring/runtime-config';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aSigningKey } from '../support/signing-keys';
import { startTestRuntime, tokenFor } from '../support/test-runtime';

/**
 * A signing-key roll as an operator does it (SECURITY.md, "Rolling the token signing key"):
 * add the new key first in the secret, restart (cold start), and drop the old key once the
 * tokens it signed have expired. Each step runs the real wiring from the secret on disk.
 */
let dataDir: string;
const secretsFile = () => join(dataDir, 'secrets.json');
const readSecrets = () => JSON.parse(readFileSync(secretsFile(), 'utf8')) as GatewaySecrets;
const writeSecrets = (secrets: GatewaySecrets) => writeFileSync(secretsFile(), JSON.stringify(secrets));

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lien-thong-roll-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function withRuntime<T>(use: (runtime: LocalRuntime) => Promise<T>): Promise<T> {
  const runtime = await startTestRuntime(dataDir);
  try {
    return await use(runtime);
  } finally {
    await runtime.stop();
  }
}

const statusWith = (runtime: LocalRuntime, token: string) =>
  fetch(`${runtime.urls.gateway}/v1/dossiers/000.00.12.H12-250314-0001`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((response) => response.status);

const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid: string }).kid;

describe('rolling the token signing key', () => {
  it('keeps the previous key’s tokens valid while it is listed, and refuses them once it is removed', async () => {
    const oldToken = await withRuntime((runtime) => tokenFor(runtime));
    const [oldKey] = readSecrets().signingKeys;
    expect(kidOf(oldToken)).toBe(oldKey?.kid);

    const newKey = await aSigningKey('key-rolled-in');
    writeSecrets({ ...readSecrets(), signingKeys: [newKey, ...readSecrets().signingKeys] });
    const newToken = await withRuntime(async (runtime) => {
      expect(await statusWith(runtime, oldToken)).toBe(404);
      const jwks = (await (await fetch(`${runtime.urls.gateway}/.well-known/jwks.json`)).json()) as {
        keys: { kid: string }[];
      };
      expect(jwks.keys.map((key) => key.kid)).toEqual([newKey.kid, oldKey?.kid]);
      const issued = await tokenFor(runtime);
      expect(kidOf(issued)).toBe(newKey.kid);
      return issued;
    });

    writeSecrets({ ...readSecrets(), signingKeys: [newKey] });
    await withRuntime(async (runtime) => {
      expect(await statusWith(runtime, oldToken)).toBe(401);
      expect(await statusWith(runtime, newToken)).toBe(404);
    });
  }, 60_000);
});
