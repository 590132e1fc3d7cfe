import { describe, expect, it } from 'vitest';
import type { CatalogueRefreshReport } from '../../contracts/catalogues';
import { aDossier } from '../support/fixtures';
import { received } from '../support/receiver';
import { callGateway, eventually, useTestRuntime } from '../support/test-runtime';

/**
 * Issue 21 end to end, through the local runtime and the national portal simulator: the gateway
 * starts with no catalogue and refuses nothing for it; a refresh pulls the simulator's sample on
 * the share endpoint [OCPS VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl.java
 * getSharingDictCollection]; from then on a dossier with a procedure the portal does not list is
 * refused 422 at the door, naming the closest entries; a change at the portal becomes a new
 * version with what changed; a failed pull keeps the last good version.
 */
const started = useTestRuntime();

const asAdmin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
  callGateway(started.runtime, started.admin, method, path, body);

async function refresh(body: unknown = {}): Promise<CatalogueRefreshReport> {
  const response = await asAdmin('POST', '/v1/admin/catalogue-refreshes', body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as CatalogueRefreshReport;
}

const outcomes = (report: CatalogueRefreshReport) =>
  report.results.map((result) => [result.kind, result.outcome, result.version]);

const atSimulator = (path: string, body: unknown) =>
  fetch(`${started.runtime.urls.nationalPortal}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('national catalogues through the local runtime', () => {
  it('refuses nothing before a first pull, then refuses a procedure the portal does not list', async () => {
    const unlisted = { procedureCode: '1.999999', procedureName: 'Đăng ký khai sinh lưu động' };
    expect((await started.post('/v1/dossiers', aDossier(unlisted))).status).toBe(202);

    expect(outcomes(await refresh())).toEqual([
      ['procedures', 'first', 1],
      ['agencies', 'first', 1],
      ['fields', 'first', 1],
    ]);

    const refused = await started.post('/v1/dossiers', aDossier(unlisted));
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await refused.json()) as {
      code: string;
      closest: { code: string; entryName: string }[];
      errors: { path: string }[];
    };
    expect(problem.code).toBe('procedure.unknown');
    expect(problem.errors.map((error) => error.path)).toEqual(['$.procedureCode']);
    expect(problem.closest.map((entry) => entry.entryName)).toContain('Đăng ký khai sinh');

    // The demo dossier's procedure and agency are in the sample: accepted as before.
    expect((await started.post('/v1/dossiers', aDossier())).status).toBe(202);
    const unknownAgency = await started.post(
      '/v1/dossiers',
      aDossier({ dossierCode: '000.00.77.H12-250314-0001', agencyCode: '000.00.77.H12' }),
    );
    expect(unknownAgency.status).toBe(422);
    expect(((await unknownAgency.json()) as { code: string }).code).toBe('agency.unknown');
  });

  it('relays a dossier that sends no field and no unit name with the catalogue’s [OCPS createSyncDossierBodyRequest]', async () => {
    const {
      fieldCode: _code,
      fieldName: _name,
      agencyName: _unit,
      ...bare
    } = aDossier({
      dossierCode: '000.00.13.H12-250314-0001',
      agencyCode: '000.00.13.H12',
    });
    expect((await started.post('/v1/dossiers', bare)).status).toBe(202);
    const record = await eventually(async () => {
      const calls = await received<{ data?: Record<string, unknown>[] }>(started.runtime.urls.nationalPortal);
      return calls.flatMap((call) => call.body.data ?? []).find((item) => item.MaHoSo === bare.dossierCode);
    }, 30_000);
    expect(record).toMatchObject({
      MaTTHC: '1.010708.000.00.00.H12',
      MaLinhVuc: 'G03-HT01',
      TenLinhVuc: 'Hộ tịch',
      // Not in config/agency-names.json: only the catalogue knows this unit.
      DonViXuLy: 'Sở Xây dựng (demo H12)',
    });
  });

  it('searches the catalogue by words without accents, and by the start of a code', async () => {
    const byWords = await asAdmin(
      'GET',
      '/v1/admin/catalogues/procedures?q=dang%20ky%20khai%20sinh&limit=100',
    );
    expect(byWords.status).toBe(200);
    const found = (await byWords.json()) as {
      version: { version: number };
      items: { code: string; name: string }[];
    };
    expect(found.items.length).toBeGreaterThan(1);
    const names = found.items.map((item) => item.name);
    expect(names).toContain('Đăng ký khai sinh');
    expect(names).toContain('Đăng ký lại khai sinh (cấp xã)');
    expect(names.filter((name) => !/khai sinh/.test(name))).toEqual([]);

    const byCode = await asAdmin('GET', '/v1/admin/catalogues/agencies?q=000.00.12');
    const agencies = (await byCode.json()) as { items: { code: string }[] };
    expect(agencies.items.map((item) => item.code)).toEqual(['000.00.12.H12']);

    const badKind = await asAdmin('GET', '/v1/admin/catalogues/statuses');
    expect(badKind.status).toBe(400);
  });

  it('keeps a change at the portal as a new version, and the last good one through a failed pull', async () => {
    expect(
      (
        await atSimulator('/_sim/catalogue', {
          kind: 'fields',
          upsert: [{ code: 'G03-HT01', name: 'Hộ tịch và chứng thực' }],
          remove: ['G19-GT01'],
        })
      ).status,
    ).toBe(200);
    const [changed] = (await refresh({ kinds: ['fields'] })).results;
    expect(changed).toMatchObject({ kind: 'fields', outcome: 'updated', version: 2 });
    expect(changed?.changes).toMatchObject({ renamedCodes: ['G03-HT01'], removedCodes: ['G19-GT01'] });

    await atSimulator('/_sim/faults', { reject: true });
    try {
      expect(outcomes(await refresh({ kinds: ['fields'] }))).toEqual([['fields', 'failed', 2]]);
    } finally {
      await atSimulator('/_sim/faults', {});
    }
    await atSimulator('/_sim/catalogue', { kind: 'fields', garbledRows: 2 });
    expect(outcomes(await refresh({ kinds: ['fields'] }))).toEqual([['fields', 'partial', 2]]);

    const versions = await asAdmin('GET', '/v1/admin/catalogues/fields/versions');
    const { items } = (await versions.json()) as {
      items: { version: number; changes: { renamed: number } }[];
    };
    expect(items.map((item) => [item.version, item.changes.renamed])).toEqual([
      [2, 1],
      [1, 0],
    ]);
    const search = await asAdmin('GET', '/v1/admin/catalogues/fields?q=G03');
    expect(((await search.json()) as { items: { name: string }[] }).items).toEqual([
      { code: 'G03-HT01', name: 'Hộ tịch và chứng thực' },
      { code: 'G03-CT01', name: 'Chứng thực' },
    ]);
  });

  it('refuses a bad refresh request with the field paths, never a 5xx', async () => {
    for (const body of [
      { kinds: [] },
      { kinds: ['fields', 'fields'] },
      { kinds: ['statuses'] },
      { extra: 1 },
    ]) {
      const response = await asAdmin('POST', '/v1/admin/catalogue-refreshes', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});
