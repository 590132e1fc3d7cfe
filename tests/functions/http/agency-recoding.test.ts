import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgencyRecoding, loadAgencyRecoding } from '../../../functions/core/agency-recoding';
import { hashClientSecret } from '../../../functions/core/client-secret';
import { createHttpApp } from '../../../functions/http';
import type { LocalRuntime } from '../../../infra/local/start-local-runtime';
import { consoleSessionOf } from '../../support/console-sign-in';
import { aDossier } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';
import { startTestRuntime, tokenFor } from '../../support/test-runtime';

/**
 * The 2025 re-coding at the API, with fixed clocks: the app is built from the local runtime's
 * real dependencies (emulators), with the clock and table of each scenario.
 */

const RETIRED = '000.00.31.H13';
const REPLACEMENT = '000.00.41.H12';
const table = loadAgencyRecoding({
  version: 'http-test-1',
  rows: [{ retiredCode: RETIRED, replacementCode: REPLACEMENT, effectiveFrom: '2025-07-01' }],
});
const noRecoding = loadAgencyRecoding({ version: 'empty', rows: [] });

const BEFORE = '2025-06-30T23:59:00+07:00';
const AFTER = '2025-07-10T09:00:00+07:00';

let runtime: LocalRuntime;
/** demo-province: grants *.H12, the replacement's province. */
let merged: string;
/** A client of the retired province H13. */
let old: string;
let admin: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  await runtime.deps.clientRegistry.saveClient({
    clientId: 'h13-province',
    secretHash: await hashClientSecret('h13-secret'),
    scopes: ['dossiers:write'],
    agencies: ['*.H13'],
  });
  [merged, old, admin] = await Promise.all([
    tokenFor(runtime),
    tokenFor(runtime, 'h13-province', 'h13-secret'),
    tokenFor(runtime, 'demo-admin', 'demo-admin-secret'),
  ]);
});
afterAll(() => runtime.stop());

function appAt(vietnamTime: string, agencyRecoding: AgencyRecoding = table) {
  return createHttpApp({
    ...runtime.deps,
    agencyRecoding,
    clock: { now: () => new Date(vietnamTime) },
    remoteAddress: () => '127.0.0.1',
  });
}

let serial = 0;
/** A dossier of the retired district, its MaHoSo issued on `yymmdd`. */
function anOldCodeDossier(yymmdd: string) {
  serial += 1;
  return aDossier({
    dossierCode: `${RETIRED}-${yymmdd}-${String(serial).padStart(4, '0')}`,
    agencyCode: RETIRED,
  });
}

const call = (
  app: ReturnType<typeof appAt>,
  token: string,
  path: string,
  body?: unknown,
): Promise<Response> =>
  Promise.resolve(
    app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );

describe('new dossiers under a retired agency code', () => {
  it('refuses one issued on or after the effective day with 422 problem+json naming the replacement at $.agencyCode', async () => {
    const dossier = anOldCodeDossier('250701');
    const response = await call(appAt(AFTER), merged, '/v1/dossiers', dossier);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Record<string, unknown> & {
      errors: { path: string; message: string }[];
    };
    expect(problem).toMatchObject({
      type: '/problems/agency.retired',
      title: 'Mã cơ quan đã ngừng sử dụng / Agency code retired',
      status: 422,
      code: 'agency.retired',
      replacementCode: REPLACEMENT,
      retiredCode: RETIRED,
      effectiveFrom: '2025-07-01',
    });
    expect(problem.errors[0]?.path).toBe('$.agencyCode');
    expect(problem.errors[0]?.message).toMatch(
      new RegExp(`thay bằng ${REPLACEMENT}.* / .*replaced by ${REPLACEMENT}`),
    );
    expect(await runtime.deps.store.listMessages('national', dossier.dossierCode)).toEqual([]);
  });

  it('accepts one issued before the effective day although it first reaches the gateway after it', async () => {
    const dossier = anOldCodeDossier('250630');
    expect((await call(appAt(AFTER), merged, '/v1/dossiers', dossier)).status).toBe(202);
  });

  it('accepts new versions of a dossier the gateway already has, even when the table retired its code afterwards', async () => {
    const dossier = anOldCodeDossier('250705');
    // Accepted before the administrator added the row.
    expect((await call(appAt(AFTER, noRecoding), old, '/v1/dossiers', dossier)).status).toBe(202);
    const update = await call(appAt(AFTER), merged, '/v1/dossiers', { ...dossier, version: 2 });
    expect(update.status).toBe(202);
  });
});

describe('dossiers created before the change', () => {
  it('keep their original agency code through updates and status changes after the change', async () => {
    const dossier = anOldCodeDossier('250620');
    expect((await call(appAt(BEFORE), old, '/v1/dossiers', dossier)).status).toBe(202);

    const after = appAt(AFTER);
    expect(
      (await call(after, merged, '/v1/dossiers', { ...dossier, version: 2, status: 'processing' })).status,
    ).toBe(202);
    const status = await call(
      after,
      merged,
      `/v1/dossiers/${dossier.dossierCode}/status`,
      aStatusChange('evt-recoding-1', 'resolved', 60),
    );
    expect(status.status).toBe(202);
    // The old province's client keeps its grant of the old code.
    expect((await call(after, old, `/v1/dossiers/${dossier.dossierCode}`)).status).toBe(200);

    const messages = await runtime.deps.store.listMessages('national', dossier.dossierCode);
    expect(messages.map((message) => message.agencyCode)).toEqual([RETIRED, RETIRED, RETIRED]);
    const view = await call(after, merged, `/v1/dossiers/${dossier.dossierCode}`);
    expect(((await view.json()) as { agencyCode: string }).agencyCode).toBe(RETIRED);
  });
});

describe('authorization follows the mapping', () => {
  it('lets a client granted the replacement act on old-code dossiers only from the effective day', async () => {
    const dossier = anOldCodeDossier('250625');
    const refused = await call(appAt(BEFORE), merged, '/v1/dossiers', dossier);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('auth.forbidden');
    expect((await call(appAt(AFTER), merged, '/v1/dossiers', dossier)).status).toBe(202);
    expect((await call(appAt(AFTER), merged, `/v1/dossiers/${dossier.dossierCode}`)).status).toBe(200);
    expect((await call(appAt(BEFORE), merged, `/v1/dossiers/${dossier.dossierCode}`)).status).toBe(403);
  });

  it('gives the old code’s clients nothing of the replacement', async () => {
    const dossier = aDossier({ dossierCode: `${REPLACEMENT}-250710-0001`, agencyCode: REPLACEMENT });
    expect((await call(appAt(AFTER), old, '/v1/dossiers', dossier)).status).toBe(403);
  });
});

describe('GET /v1/admin/agency-codes and the console page', () => {
  it('shows administrators the loaded table, its version and where each code leads today', async () => {
    const response = await call(appAt(AFTER), admin, '/v1/admin/agency-codes');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      version: 'http-test-1',
      rows: [
        {
          retiredCode: RETIRED,
          replacementCode: REPLACEMENT,
          effectiveFrom: '2025-07-01',
          currentCode: REPLACEMENT,
        },
      ],
    });
    expect((await call(appAt(AFTER), merged, '/v1/admin/agency-codes')).status).toBe(403);
  });

  it('lists the table on /admin/agency-codes for a signed-in administrator', async () => {
    const page = await appAt(AFTER).request('/admin/agency-codes', {
      headers: { cookie: await consoleSessionOf(runtime, 'viewer@demo') },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('http-test-1');
    expect(html).toContain(RETIRED);
    expect(html).toContain('01/07/2025');
    expect(html).toContain('aria-current="page"');
    const anonymous = await appAt(AFTER).request('/admin/agency-codes');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/admin/login');
  });
});
