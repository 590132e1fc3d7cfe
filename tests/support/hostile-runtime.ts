import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { DossierSubmission } from '../../contracts/provincial-api';
import type { GatewaySecrets } from '../../functions/wiring/runtime-config';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier } from './fixtures';
import { startTestRuntime, tokenFor } from './test-runtime';

/**
 * The runtime the hostile-input tests attack (tests/e2e/hostile-*.test.ts): on disk, so a test can
 * read the signing key and forge tokens the way an insider could, with limits out of the way.
 */

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Headers;
  readonly body: string;
}

export function useHostileRuntime() {
  const hostile = {} as {
    runtime: LocalRuntime;
    dataDir: string;
    secrets: GatewaySecrets;
    token: string;
    nationalToken: string;
  };
  beforeAll(async () => {
    hostile.dataDir = mkdtempSync(join(tmpdir(), 'lien-thong-hostile-'));
    hostile.runtime = await startTestRuntime(hostile.dataDir, {
      security: {
        rateLimits: {
          perClient: { burst: 100_000, perSecond: 100_000 },
          perAddress: { burst: 100_000, perSecond: 100_000 },
          tokenEndpointPerAddress: { burst: 100_000, perSecond: 100_000 },
        },
      },
    });
    hostile.secrets = JSON.parse(
      readFileSync(join(hostile.dataDir, 'secrets.json'), 'utf8'),
    ) as GatewaySecrets;
    hostile.token = await tokenFor(hostile.runtime);
    hostile.nationalToken = await tokenFor(hostile.runtime, 'demo-national', 'demo-national-password');
  }, 30_000);
  afterAll(async () => {
    await hostile.runtime?.stop();
    rmSync(hostile.dataDir, { recursive: true, force: true });
  });

  let serial = 0;
  /** A dossier of a code no other test uses. */
  function freshDossier(overrides: Partial<DossierSubmission> = {}): DossierSubmission {
    serial += 1;
    return aDossier({ dossierCode: `000.00.12.H12-250316-${String(serial).padStart(4, '0')}`, ...overrides });
  }

  /** Sends as the provincial client unless another token (or none: null) is given. */
  async function send(
    path: string,
    init: {
      method?: string;
      body?: string | Uint8Array;
      headers?: Record<string, string>;
      token?: string | null;
    },
  ): Promise<Answer> {
    const response = await fetch(`${hostile.runtime.urls.gateway}${path}`, {
      method: init.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? hostile.token}` }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      headers: response.headers,
      body: await response.text(),
    };
  }

  /** A problem+json refusal with `status`, and nothing stored for the dossiers named. */
  async function expectRefused(answer: Answer, status: number, dossierCodes: readonly string[] = []) {
    expect(answer.status, answer.body).toBe(status);
    expect(answer.contentType).toContain('application/problem+json');
    const problem = JSON.parse(answer.body) as { status: number; code: string; detail: string; type: string };
    expect(problem).toMatchObject({ status, code: expect.any(String), detail: expect.any(String) });
    for (const code of dossierCodes) {
      expect(await hostile.runtime.deps.store.listMessages('national', code), code).toEqual([]);
      expect(await hostile.runtime.deps.store.listMessages('province', code), code).toEqual([]);
    }
    return problem;
  }

  /** The gateway still answers, and no prototype was polluted. */
  async function expectHealthy() {
    expect((await fetch(`${hostile.runtime.urls.gateway}/health`)).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  }

  return Object.assign(hostile, { freshDossier, send, expectRefused, expectHealthy });
}
