import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier } from '../support/fixtures';
import { callGateway, eventually, eventuallySome, startTestRuntime, tokenFor } from '../support/test-runtime';

interface Received {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Dossier codes a received request carries, whichever transport brought it. */
function dossierCodesOf(request: Received): string[] {
  const body = request.body as { data?: { MaHoSo?: string }[] } | { MaHoSo?: string }[];
  const items = Array.isArray(body) ? body : (body.data ?? []);
  return items.map((item) => item.MaHoSo ?? '');
}

async function receivedFor(runtime: LocalRuntime, dossierCode: string): Promise<Received[]> {
  const all = (await (await fetch(`${runtime.urls.nationalPortal}/_sim/received`)).json()) as Received[];
  return all.filter((request) => dossierCodesOf(request).includes(dossierCode));
}

function postDossier(runtime: LocalRuntime, token: string, body: unknown) {
  return callGateway(runtime, token, 'POST', '/v1/dossiers', body);
}

describe('a province configured for LGSP REST, end to end through the local runtime', () => {
  let runtime: LocalRuntime;
  let token: string;

  beforeAll(async () => {
    runtime = await startTestRuntime(null, { nationalTransports: { H12: 'lgsp' } });
    token = await tokenFor(runtime);
  });
  afterAll(() => runtime.stop());

  it('relays a dossier of an H12 agency through the LGSP create URL with a Bearer token', async () => {
    const dossier = aDossier();
    expect((await postDossier(runtime, token, dossier)).status).toBe(202);

    const [delivered, ...others] = await eventuallySome(() => receivedFor(runtime, dossier.dossierCode));
    expect(others).toEqual([]);
    expect(delivered?.path).toBe('/dvcqg/hoso/dongbo');
    expect(delivered?.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(delivered?.headers.madonvi).toBe('000.00.12.H12');
    expect(delivered?.body).toEqual([
      expect.objectContaining({ MaHoSo: dossier.dossierCode, TrangThaiHoSo: '2' }),
    ]);

    const view = await eventually(async () => {
      const lookup = await fetch(`${runtime.urls.gateway}/v1/dossiers/${dossier.dossierCode}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await lookup.json()) as { sync: { state: string }; timeline: { outcome: string }[] };
      return body.sync.state === 'synced' ? body : undefined;
    });
    expect(view.timeline.map((entry) => entry.outcome)).toEqual(['accepted', 'delivered']);
    expect(runtime.simulators.nationalPortal.dossiers.get(dossier.dossierCode)?.TrangThaiHoSo).toBe('2');
  });

  it('sends the next version of the dossier to the LGSP update URL', async () => {
    const dossier = aDossier();
    expect((await postDossier(runtime, token, dossier)).status).toBe(202);
    expect((await postDossier(runtime, token, { ...dossier, version: 2, status: 'processing' })).status).toBe(
      202,
    );
    const sent = await eventually(async () => {
      const mine = await receivedFor(runtime, dossier.dossierCode);
      return mine.length === 2 ? mine : undefined;
    });
    expect(sent.map((request) => request.path)).toEqual(['/dvcqg/hoso/dongbo', '/dvcqg/hoso/capnhat']);
    expect(runtime.simulators.nationalPortal.dossiers.get(dossier.dossierCode)?.TrangThaiHoSo).toBe('4');
  });

  it('reports the national portal up when both routed transports answer', async () => {
    const response = await fetch(`${runtime.urls.gateway}/health`);
    const health = (await response.json()) as { dependencies: { name: string; status: string }[] };
    expect(health.dependencies.find((dependency) => dependency.name === 'national-portal')?.status).toBe(
      'up',
    );
  });
});
