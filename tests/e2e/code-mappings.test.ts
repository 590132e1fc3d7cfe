import { describe, expect, it } from 'vitest';
import type { MappingImportResult } from '../../contracts/code-mapping-api';
import type { CodeMapping, UnmappedCode } from '../../contracts/code-mappings';
import { aDossier } from '../support/fixtures';
import { received } from '../support/receiver';
import { callGateway, eventually, useTestRuntime } from '../support/test-runtime';
import { readWorkbook } from '../support/workbook';

/**
 * Issue 21 items 2-4 end to end, through the local runtime and the national simulator: mapping
 * tables edited through the admin API (validated against the loaded catalogue, audited),
 * imported and exported as .csv/.xlsx, applied to a dossier's codes at the edge and on the
 * national wire, and the codes nothing explains counted for the administrators' to-do list.
 */
const started = useTestRuntime();

const asAdmin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
  callGateway(started.runtime, started.admin, method, path, body);

const upload = (path: string, body: string | Uint8Array<ArrayBuffer>, type: string) =>
  fetch(`${started.runtime.urls.gateway}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${started.admin}`, 'content-type': type },
    body,
  });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function unmapped(): Promise<UnmappedCode[]> {
  const response = await asAdmin('GET', '/v1/admin/unmapped-codes');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: UnmappedCode[] }).items;
}

describe('code mappings through the local runtime', () => {
  it('saves a mapping unchecked before any catalogue, then refuses a national code the catalogue does not list', async () => {
    const early = await asAdmin('PUT', '/v1/admin/mappings/procedures/1.999001', {
      nationalCode: '1.010708.000.00.00.H12',
    });
    expect(early.status, await early.clone().text()).toBe(200);
    expect(((await early.json()) as CodeMapping).unchecked).toBe(true);

    const refreshed = await asAdmin('POST', '/v1/admin/catalogue-refreshes', {});
    expect(refreshed.status).toBe(201);

    const refused = await asAdmin('PUT', '/v1/admin/mappings/procedures/1.999002', {
      nationalCode: '1.0107',
      nationalName: 'dang ky khai sinh',
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await refused.json()) as {
      code: string;
      errors: { path: string }[];
      closest: { code: string; entryName: string }[];
    };
    expect(problem.code).toBe('mapping.nationalCodeUnknown');
    expect(problem.errors.map((error) => error.path)).toEqual(['$.nationalCode']);
    expect(problem.closest.map((entry) => entry.entryName)).toContain('Đăng ký khai sinh');

    const listed = await asAdmin('GET', '/v1/admin/mappings/procedures?q=1.999');
    expect(((await listed.json()) as { items: CodeMapping[] }).items.map((row) => row.localCode)).toEqual([
      '1.999001',
    ]);

    const audit = await asAdmin('GET', '/v1/admin/audit?action=mapping.save');
    const entries = (await audit.json()) as { items: { target: string; after: { nationalCode: string } }[] };
    expect(entries.items.map((entry) => [entry.target, entry.after.nationalCode])).toContainEqual([
      'procedures/1.999001',
      '1.010708.000.00.00.H12',
    ]);
  });

  it('sends the national code of a mapped procedure and keeps the local one in the stored dossier', async () => {
    const dossier = aDossier({
      dossierCode: '000.00.12.H12-250314-0301',
      procedureCode: '1.999001',
      procedureName: 'Đăng ký khai sinh',
    });
    const accepted = await started.post('/v1/dossiers', dossier);
    expect(accepted.status, await accepted.clone().text()).toBe(202);
    const record = await eventually(async () => {
      const calls = await received<{ data?: Record<string, unknown>[] }>(started.runtime.urls.nationalPortal);
      return calls
        .flatMap((call) => call.body.data ?? [])
        .find((item) => item.MaHoSo === dossier.dossierCode);
    }, 30_000);
    expect(record?.MaTTHC).toBe('1.010708.000.00.00.H12');

    const stored = await started.runtime.deps.store.getMessage('national', dossier.dossierCode, 1);
    expect(stored?.payload).toMatchObject({ procedureCode: '1.999001' });
  });

  it('lists a refused code with its dossier count until a mapping explains it', async () => {
    for (const serial of ['0311', '0312', '0312']) {
      const refused = await started.post(
        '/v1/dossiers',
        aDossier({ dossierCode: `000.00.12.H12-250314-${serial}`, procedureCode: '1.999003' }),
      );
      expect(refused.status).toBe(422);
    }
    expect(await unmapped()).toContainEqual(
      expect.objectContaining({ kind: 'procedures', localCode: '1.999003', dossiers: 2 }),
    );

    const mapped = await asAdmin('PUT', '/v1/admin/mappings/procedures/1.999003', {
      nationalCode: '1.010708.000.00.00.H12',
    });
    expect(mapped.status).toBe(200);
    expect((await unmapped()).map((code) => code.localCode)).not.toContain('1.999003');
    const accepted = await started.post(
      '/v1/dossiers',
      aDossier({ dossierCode: '000.00.12.H12-250314-0311', procedureCode: '1.999003' }),
    );
    expect(accepted.status).toBe(202);

    const removed = await asAdmin('DELETE', '/v1/admin/mappings/procedures/1.999003');
    expect(removed.status).toBe(204);
    expect((await asAdmin('DELETE', '/v1/admin/mappings/procedures/1.999003')).status).toBe(404);
  });

  it('imports a file all or nothing, with each wrong row named, and counts a dry run', async () => {
    const bad = [
      'localCode,nationalCode,nationalName',
      'LV-A,G03-HT01,Hộ tịch',
      'LV-B,G99-XX99,',
      'LV-A,G03-CT01,',
      ',G03-CT01,',
    ].join('\r\n');
    const refused = await upload('/v1/admin/mappings/fields/imports', bad, 'text/csv');
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { code: string; result: MappingImportResult };
    expect(problem.code).toBe('mapping.importInvalid');
    expect(problem.result.errors.map((error) => [error.row, error.field])).toEqual([
      [3, 'nationalCode'],
      [4, 'localCode'],
      [5, 'localCode'],
    ]);
    expect(problem.result.errors[0]?.message).toMatch(/không có mã G99-XX99 \/ .* has no G99-XX99/);
    expect((await (await asAdmin('GET', '/v1/admin/mappings/fields')).json()) as unknown).toMatchObject({
      items: [],
    });

    const good = 'localCode,nationalCode,nationalName\nLV-A,G03-HT01,Hộ tịch\nLV-B,G03-CT01,Chứng thực\n';
    const dryRun = await upload('/v1/admin/mappings/fields/imports?dryRun=true', good, 'text/csv');
    expect(await dryRun.json()).toMatchObject({
      applied: false,
      added: 2,
      changed: 0,
      unchanged: 0,
      errors: [],
    });
    const saved = await upload('/v1/admin/mappings/fields/imports', good, 'text/csv');
    expect(await saved.json()).toMatchObject({ applied: true, added: 2 });
    const again = await upload(
      '/v1/admin/mappings/fields/imports',
      'nationalCode,localCode\nG03-HT01,LV-A\nG03-CT01,LV-C\n',
      'text/csv',
    );
    expect(await again.json()).toMatchObject({ applied: true, added: 1, changed: 1, unchanged: 0 });
  });

  it('exports the same columns an import reads, as .csv and .xlsx', async () => {
    const csv = await asAdmin('GET', '/v1/admin/mappings/fields/export?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(
      text
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(0, 2),
    ).toEqual(['localCode,nationalCode,nationalName', 'LV-A,G03-HT01,']);
    const back = await upload('/v1/admin/mappings/fields/imports?dryRun=true', text, 'text/csv');
    expect(await back.json()).toMatchObject({ rows: 3, added: 0, changed: 0, unchanged: 3 });

    const xlsx = await asAdmin('GET', '/v1/admin/mappings/fields/export?format=xlsx');
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    const { rows } = await readWorkbook(bytes);
    expect(rows[0]).toEqual(['localCode', 'nationalCode', 'nationalName']);
    expect(rows[2]).toEqual(['LV-B', 'G03-CT01', 'Chứng thực']);
    const fromXlsx = await upload('/v1/admin/mappings/fields/imports?dryRun=true', bytes, XLSX);
    expect(await fromXlsx.json()).toMatchObject({ rows: 3, unchanged: 3, errors: [] });

    const notAFile = await upload('/v1/admin/mappings/fields/imports', 'not a workbook', XLSX);
    expect(notAFile.status).toBe(400);
  });
});
