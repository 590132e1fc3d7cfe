import { beforeEach, describe, expect, it } from 'vitest';
import {
  createSessionNationalPortal,
  type SessionNationalPortalOptions,
} from '../../../functions/adapters/session-national-portal';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import {
  createNationalPortalSimulator,
  type NationalPortalSimulator,
} from '../../../infra/simulators/national-portal-simulator';
import { aDossier } from '../../support/fixtures';
import { inProcessFetch, type PortalCall, portalAccount } from '../../support/in-process-portal';
import { expectUnreachableIsTransient, syncRefusal } from '../../support/national-fixtures';
import { rejection } from '../../support/refusal';

/**
 * The adapter talks to the real simulator app, in process, through a fetch that records each
 * call; `rewrite` changes the portal's answers the way another portal build writes them.
 */
function connect(
  simulator: NationalPortalSimulator,
  options: Partial<SessionNationalPortalOptions> & {
    rewrite?: (reply: Record<string, unknown>) => unknown;
  } = {},
) {
  const calls: PortalCall[] = [];
  const { rewrite, ...overrides } = options;
  const portal = createSessionNationalPortal({
    baseUrl: 'http://portal.test/',
    ...portalAccount,
    timeoutMs: 2000,
    ...overrides,
    fetch: async (input, init) => {
      const response = await inProcessFetch(simulator, calls)(input, init);
      if (!rewrite) return response;
      return Response.json(rewrite((await response.json()) as Record<string, unknown>));
    },
  });
  return { portal, calls };
}

const agency = '000.00.12.H12';

describe('session-envelope national portal', () => {
  let simulator: NationalPortalSimulator;
  beforeEach(() => {
    simulator = createNationalPortalSimulator(portalAccount);
  });

  it('logs in once and reuses the session for later calls', async () => {
    const { portal, calls } = connect(simulator);
    await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
    await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
    expect(calls.map((call) => call.path)).toEqual(['/login', '/service', '/service']);
    expect(simulator.received).toHaveLength(2);
  });

  it('sends the account’s madonvi and dstcode, never the dossier’s agency code [OCPS DVCQGIntegrationActionImpl getAccessToken, syncData]', async () => {
    const { portal, calls } = connect(simulator);
    await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
    expect(calls.map((call) => call.headers.get('dstcode'))).toEqual(['DST-H12', 'DST-H12']);
    expect(calls[1]?.body).toMatchObject({ madonvi: '000.00.00.H12', service: 'DongBoHoSoMC' });
  });

  it('sends isUpdating as the string "False" on create and "True" on update [OCPS DVCQGIntegrationActionImpl syncDossierAndDossierStatus]', async () => {
    const { portal, calls } = connect(simulator);
    const dossier = toNationalDossier(aDossier());
    await portal.syncDossier(agency, dossier, false);
    await portal.syncDossier(agency, { ...dossier, TrangThaiHoSo: '4' }, true);
    expect(calls.slice(1).map((call) => call.body.isUpdating)).toEqual(['False', 'True']);
  });

  it('switches to an update when the portal already has the dossier [TH SyncLocalDataToDVCQGService error_code 3/-3]', async () => {
    const { portal } = connect(simulator);
    const dossier = toNationalDossier(aDossier());
    await portal.syncDossier(agency, dossier, false);
    const acknowledgement = await portal.syncDossier(agency, dossier, false);
    expect(acknowledgement.switchedToUpdate).toBe(true);
    expect(simulator.received[1]?.body).toMatchObject({ isUpdating: 'True' });
  });

  it('looks a dossier up with the lowercase key mahoso on the share endpoint [OCPS searchDossier, TH GPLXService]', async () => {
    const { portal, calls } = connect(simulator);
    const dossier = toNationalDossier(aDossier());
    expect(await portal.lookupDossier(agency, dossier.MaHoSo)).toBeUndefined();
    await portal.syncDossier(agency, dossier, false);
    const held = await portal.lookupDossier(agency, dossier.MaHoSo);
    expect(held).toMatchObject({ MaHoSo: dossier.MaHoSo, TrangThaiHoSo: '2', NgayTra: undefined });
    const lookup = calls.find((call) => call.body.service === 'TraCuuHoSo');
    expect(lookup?.path).toBe('/share');
    expect(lookup?.body).toMatchObject({ mahoso: dossier.MaHoSo });
    expect(lookup?.body).not.toHaveProperty('MaHoSo');
  });

  it('sends the look-up to the integration endpoint when configured so, as [OCPS searchDossier] does', async () => {
    const { portal, calls } = connect(simulator, { lookupEndpoint: 'integration' });
    await portal.lookupDossier(agency, toNationalDossier(aDossier()).MaHoSo);
    expect(calls.map((call) => call.path)).toEqual(['/login', '/service']);
  });

  it('uses the account’s own paths, such as [TH GPLXService]’s mapi/login and mapi/g', async () => {
    simulator = createNationalPortalSimulator({
      ...portalAccount,
      paths: { auth: 'apiDVC/mapi/login', integration: 'apiDVC/mapi/s', share: 'apiDVC/mapi/g' },
    });
    const { portal, calls } = connect(simulator, {
      baseUrl: 'http://portal.test/apiDVC/',
      paths: { auth: 'mapi/login', integration: 'mapi/s', share: 'mapi/g' },
    });
    const dossier = toNationalDossier(aDossier());
    await portal.syncDossier(agency, dossier, false);
    await portal.lookupDossier(agency, dossier.MaHoSo);
    expect(calls.map((call) => call.path)).toEqual([
      '/apiDVC/mapi/login',
      '/apiDVC/mapi/s',
      '/apiDVC/mapi/g',
    ]);
  });

  it('compares error_code as a number, whether it comes as 0 or "0" [OCPS GetterUtil.getInteger(error_code) == 0]', async () => {
    const { portal } = connect(simulator, {
      rewrite: (reply) => ({ ...reply, error_code: String(reply.error_code) }),
    });
    const acknowledgement = await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
    expect(acknowledgement.errorCode).toBe(0);
    const dossier = toNationalDossier(aDossier());
    await portal.syncDossier(agency, dossier, false);
    expect((await portal.syncDossier(agency, dossier, false)).switchedToUpdate).toBe(true);
  });

  it('logs in again when the portal says the session expired', async () => {
    const { portal, calls } = connect(simulator);
    await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
    await simulator.app.request('/_sim/reset', { method: 'POST' });
    await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
    expect(calls.map((call) => call.path)).toEqual(['/login', '/service', '/service', '/login', '/service']);
    expect(simulator.received).toHaveLength(1);
  });

  it('reports a validation rejection as permanent', async () => {
    const { portal } = connect(simulator);
    await simulator.app.request('/_sim/faults', { method: 'POST', body: JSON.stringify({ reject: true }) });
    const error = await syncRefusal(portal);
    expect(error.code).toBe('national.rejected');
    expect(error.details).toEqual({ nationalErrorCode: '500' });
  });

  it('retries a code the deployment took off the rejected list (config/national-reply-codes.json; the LGSP-level codes are [inferred] in DOMAIN.md)', async () => {
    const { portal } = connect(simulator, { rejectedErrorCodes: [106] });
    await simulator.app.request('/_sim/faults', { method: 'POST', body: JSON.stringify({ reject: true }) });
    const error = await syncRefusal(portal);
    expect(error.code).toBe('national.transient');
    expect(error.details).toEqual({ nationalErrorCode: '500' });
  });

  it('reports HTTP 429 as transient and carries Retry-After', async () => {
    const { portal } = connect(simulator);
    await simulator.app.request('/_sim/faults', {
      method: 'POST',
      body: JSON.stringify({ failRate: 1, failStatus: 429 }),
    });
    const error = await syncRefusal(portal);
    expect(error.code).toBe('national.transient');
    expect(error.retryAfterSeconds).toBe(1);
  });

  it('reports wrong credentials or a wrong dstcode as an authentication failure', async () => {
    const wrongPassword = connect(simulator, { password: 'wrong' });
    expect((await rejection(wrongPassword.portal.ping())).code).toBe('national.authentication');
    const wrongDstcode = connect(simulator, { dstcode: 'DST-H56' });
    expect((await rejection(wrongDstcode.portal.ping())).code).toBe('national.authentication');
  });

  it('reports an unreachable portal as transient', () =>
    expectUnreachableIsTransient((baseUrl) =>
      createSessionNationalPortal({ baseUrl, ...portalAccount, timeoutMs: 1000 }),
    ));
});
