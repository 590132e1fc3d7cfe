import { beforeEach, describe, expect, it } from 'vitest';
import { createLgspNationalPortal } from '../../../functions/adapters/lgsp-national-portal';
import { createSessionNationalPortal } from '../../../functions/adapters/session-national-portal';
import { isGatewayError } from '../../../functions/core/gateway-error';
import {
  createNationalPortalSimulator,
  type NationalPortalSimulator,
} from '../../../infra/simulators/national-portal-simulator';
import { inProcessFetch, type PortalCall, portalAccount } from '../../support/in-process-portal';

/**
 * Catalogue pulls through both transports against the strict simulator, in process. The wire
 * rules pinned here come from [OCPS] VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl.java:
 * `{session, madonvi, service}` posted to the share endpoint (getSharingDictCollection), the
 * services LayDanhSachTTHC / LayDanhMucCoQuan / LayDanhMucLinhVuc and the row keys MATTHC,
 * TENTTHC, MADONVI, TENDONVI, CAPDONVI, MALINHVUC, TENLINHVUC (getServiceInfoDVCQGMap,
 * doSyncGovernmentAgency, doSyncServiceDomain).
 */

const change = (simulator: NationalPortalSimulator, body: unknown) =>
  simulator.app.request('/_sim/catalogue', { method: 'POST', body: JSON.stringify(body) });

describe('national catalogues on the session transport', () => {
  let simulator: NationalPortalSimulator;
  let calls: PortalCall[];
  const portal = () =>
    createSessionNationalPortal({
      baseUrl: 'http://portal.test/',
      ...portalAccount,
      timeoutMs: 2000,
      fetch: inProcessFetch(simulator, calls),
    });
  beforeEach(() => {
    simulator = createNationalPortalSimulator(portalAccount);
    calls = [];
  });

  it('pulls each catalogue from the share endpoint with its service name and the account madonvi', async () => {
    const national = portal();
    const procedures = await national.listCatalogue('procedures');
    const agencies = await national.listCatalogue('agencies');
    const fields = await national.listCatalogue('fields');

    const serviceCalls = calls.filter((call) => call.path !== '/login');
    expect(serviceCalls.map((call) => [call.path, call.body.service, call.body.madonvi])).toEqual([
      ['/share', 'LayDanhSachTTHC', '000.00.00.H12'],
      ['/share', 'LayDanhMucCoQuan', '000.00.00.H12'],
      ['/share', 'LayDanhMucLinhVuc', '000.00.00.H12'],
    ]);
    expect(procedures.entries.length).toBe(simulator.catalogues().procedures.length);
    expect(procedures.entries.length).toBeGreaterThanOrEqual(200);
    expect(procedures.entries).toContainEqual({
      code: '1.010708.000.00.00.H12',
      name: 'Đăng ký khai sinh',
      fieldCode: 'G03-HT01',
      fieldName: 'Hộ tịch',
    });
    expect(agencies.entries).toContainEqual({
      code: '000.00.12.H12',
      name: 'UBND phường Hoàn Kiếm (demo)',
      level: '3',
    });
    expect(fields.entries).toContainEqual({ code: 'G03-HT01', name: 'Hộ tịch' });
    expect(procedures.unreadableRows + agencies.unreadableRows + fields.unreadableRows).toBe(0);
  });

  it('counts the rows it cannot read instead of guessing them', async () => {
    await change(simulator, { kind: 'agencies', garbledRows: 3, truncateTo: 2 });
    const agencies = await portal().listCatalogue('agencies');
    expect(agencies.entries).toHaveLength(2);
    expect(agencies.unreadableRows).toBe(3);
  });

  it('sees entries added, renamed and removed between two pulls', async () => {
    const national = portal();
    const before = await national.listCatalogue('fields');
    await change(simulator, {
      kind: 'fields',
      upsert: [
        { code: 'G03-HT01', name: 'Hộ tịch (đổi tên)' },
        { code: 'G20-TN01', name: 'Tài nguyên nước' },
      ],
      remove: ['G19-GT01'],
    });
    const after = await national.listCatalogue('fields');
    expect(after.entries.length).toBe(before.entries.length);
    expect(after.entries).toContainEqual({ code: 'G03-HT01', name: 'Hộ tịch (đổi tên)' });
    expect(after.entries).toContainEqual({ code: 'G20-TN01', name: 'Tài nguyên nước' });
    expect(after.entries.some((entry) => entry.code === 'G19-GT01')).toBe(false);
  });

  it('raises the portal’s refusal as an error, never an empty catalogue', async () => {
    await simulator.app.request('/_sim/faults', { method: 'POST', body: JSON.stringify({ reject: true }) });
    const failure = await portal()
      .listCatalogue('procedures')
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isGatewayError(failure)).toBe(true);
  });

  it('the simulator refuses a bad catalogue change with the issue paths', async () => {
    const response = await change(simulator, { kind: 'procedures', upsert: [{ code: '' }] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: { path: unknown[] }[] };
    expect(body.issues.map((issue) => issue.path.join('.'))).toEqual(['upsert.0.code', 'upsert.0.name']);
  });
});

describe('national catalogues on the LGSP transport', () => {
  it('posts {service} to the catalogue path, with the account madonvi as the unit header', async () => {
    const lgspClient = { clientId: 'c', clientSecret: 's' };
    const simulator = createNationalPortalSimulator({ ...portalAccount, lgspClient });
    const calls: PortalCall[] = [];
    const portal = createLgspNationalPortal({
      baseUrl: 'http://lgsp.test/',
      ...lgspClient,
      madonvi: '000.00.00.H12',
      timeoutMs: 2000,
      fetch: inProcessFetch(simulator, calls),
    });
    const procedures = await portal.listCatalogue('procedures');
    const call = calls.find((candidate) => candidate.path === '/dvcqg/danhmuc');
    expect(call?.body).toEqual({ service: 'LayDanhSachTTHC' });
    expect(call?.headers.get('madonvi')).toBe('000.00.00.H12');
    expect(procedures.entries.length).toBe(simulator.catalogues().procedures.length);
  });

  it('sends no unit header when the account has no madonvi', async () => {
    const simulator = createNationalPortalSimulator(portalAccount);
    const calls: PortalCall[] = [];
    const portal = createLgspNationalPortal({
      baseUrl: 'http://lgsp.test/',
      timeoutMs: 2000,
      fetch: inProcessFetch(simulator, calls),
    });
    const fields = await portal.listCatalogue('fields');
    expect(calls[0]?.headers.has('madonvi')).toBe(false);
    expect(fields.entries.length).toBe(simulator.catalogues().fields.length);
  });
});
