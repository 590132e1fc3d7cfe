import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { beforeEach, describe, expect, it } from 'vitest';
import type { NationalProgressRow } from '../../../contracts/national-portal';
import {
  createLgspNationalPortal,
  type LgspNationalPortalOptions,
} from '../../../functions/adapters/lgsp-national-portal';
import { sameNationalRecord } from '../../../functions/core/same-national-record';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { closeServer } from '../../../infra/local/emulators';
import {
  createNationalPortalSimulator,
  type NationalPortalSimulator,
  type NationalPortalSimulatorOptions,
} from '../../../infra/simulators/national-portal-simulator';
import { aDossier } from '../../support/fixtures';
import { inProcessFetch, lgspClient, type PortalCall, portalAccount } from '../../support/in-process-portal';
import { expectUnreachableIsTransient, syncRefusal } from '../../support/national-fixtures';
import { rejection } from '../../support/refusal';

const agency = '000.00.12.H12';

/** The adapter talks to the real simulator app, in process, through a fetch that records calls. */
function connect(simulator: NationalPortalSimulator, options: Partial<LgspNationalPortalOptions> = {}) {
  const calls: PortalCall[] = [];
  const portal = createLgspNationalPortal({
    baseUrl: 'http://lgsp.test/',
    ...lgspClient,
    timeoutMs: 2000,
    fetch: inProcessFetch(simulator, calls),
    ...options,
  });
  return { portal, calls, paths: () => calls.map((call) => call.path) };
}

function simulatorWith(options: Partial<NationalPortalSimulatorOptions> = {}) {
  return createNationalPortalSimulator({ ...portalAccount, lgspClient, ...options });
}

/** A first sync with a new token, a second one refused, a new token, and that sync again. */
const renewedOnceAfterRefusal = [
  '/token',
  '/dvcqg/hoso/dongbo',
  '/dvcqg/hoso/dongbo',
  '/token',
  '/dvcqg/hoso/dongbo',
];

function setFaults(simulator: NationalPortalSimulator, faults: Record<string, unknown>) {
  return simulator.app.request('/_sim/faults', { method: 'POST', body: JSON.stringify(faults) });
}

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2025-03-14T01:30:00Z')) {
  let at = start;
  return {
    now: () => at,
    advanceSeconds(seconds: number) {
      at += seconds * 1000;
    },
  };
}

function progressRows(dossierCode: string, count: number): NationalProgressRow[] {
  return Array.from({ length: count }, (_, index) => ({
    MaHoSo: dossierCode,
    NguoiXuLy: 'Trần Thị Bình',
    ChucDanh: '',
    ThoiDiemXuLy: `20250314${String(9 + Math.floor(index / 60)).padStart(2, '0')}${String(index % 60).padStart(2, '0')}00`,
    PhongBanXuLy: '',
    NoiDungXuLy: `Bước ${index + 1}`,
    TrangThai: '4',
    NgayBatDau: '',
    NgayKetThucTheoQuyDinh: '',
  }));
}

describe('LGSP REST national portal', () => {
  let simulator: NationalPortalSimulator;
  beforeEach(() => {
    simulator = simulatorWith();
  });

  describe('token', () => {
    it('gets a token once with HTTP Basic client credentials and reuses it', async () => {
      const { portal, calls, paths } = connect(simulator);
      await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
      await portal.syncDossier(agency, toNationalDossier(aDossier()), false);

      expect(paths()).toEqual(['/token', '/dvcqg/hoso/dongbo', '/dvcqg/hoso/dongbo']);
      const [tokenCall] = calls;
      expect(tokenCall?.headers.get('authorization')).toBe(`Basic ${btoa('lgsp-client:lgsp-secret')}`);
      expect(new URLSearchParams(tokenCall?.text).get('grant_type')).toBe('client_credentials');
      expect(simulator.received).toHaveLength(2);
      const bearers = simulator.received.map((request) => request.headers.authorization);
      expect(bearers[0]).toMatch(/^Bearer \S+$/);
      expect(bearers[1]).toBe(bearers[0]);
    });

    it('can send the client credentials as form fields instead', async () => {
      const { portal, calls } = connect(simulator, { clientAuthentication: 'body' });
      await portal.ping();
      const form = new URLSearchParams(calls[0]?.text);
      expect(calls[0]?.headers.get('authorization')).toBeNull();
      expect([form.get('client_id'), form.get('client_secret')]).toEqual(['lgsp-client', 'lgsp-secret']);
    });

    it('renews the token shortly before it expires, not after', async () => {
      const clock = manualClock();
      simulator = simulatorWith({ tokenLifetimeSeconds: 120, now: clock.now });
      const { portal, paths } = connect(simulator, { now: clock.now, renewBeforeSeconds: 30 });
      await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
      clock.advanceSeconds(80);
      await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
      // 95 s: still valid at the portal for 25 s, but inside the 30 s renewal margin.
      clock.advanceSeconds(15);
      await portal.syncDossier(agency, toNationalDossier(aDossier()), false);

      expect(paths()).toEqual([
        '/token',
        '/dvcqg/hoso/dongbo',
        '/dvcqg/hoso/dongbo',
        '/token',
        '/dvcqg/hoso/dongbo',
      ]);
      const bearers = simulator.received.map((request) => request.headers.authorization);
      expect(new Set(bearers).size).toBe(2);
      expect(bearers[2]).not.toBe(bearers[1]);
    });

    it('renews once and retries when the LGSP answers HTTP 401 to a revoked token', async () => {
      const { portal, paths } = connect(simulator);
      await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
      await simulator.app.request('/_sim/reset', { method: 'POST' });
      const acknowledgement = await portal.syncDossier(agency, toNationalDossier(aDossier()), false);

      expect(acknowledgement.errorCode).toBe(0);
      expect(paths()).toEqual(renewedOnceAfterRefusal);
      expect(simulator.received).toHaveLength(1);
    });

    it('renews once and retries when the LGSP answers error_code 100 to an expired token', async () => {
      const portalClock = manualClock();
      simulator = simulatorWith({ tokenLifetimeSeconds: 3600, now: portalClock.now });
      // The gateway's clock stands still: it believes the token fresh; only the portal knows better.
      const { portal, paths } = connect(simulator, { now: manualClock().now });
      await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
      portalClock.advanceSeconds(3601);
      const acknowledgement = await portal.syncDossier(agency, toNationalDossier(aDossier()), false);

      expect(acknowledgement.errorCode).toBe(0);
      expect(paths()).toEqual(renewedOnceAfterRefusal);
      expect(simulator.received).toHaveLength(2);
    });

    it('gives up with an authentication failure when even a fresh token is refused', async () => {
      simulator = simulatorWith({ tokenLifetimeSeconds: 0 });
      const { portal, paths } = connect(simulator);
      const error = await syncRefusal(portal);

      expect(error.code).toBe('national.authentication');
      expect(paths()).toEqual(['/token', '/dvcqg/hoso/dongbo', '/token', '/dvcqg/hoso/dongbo']);
      expect(simulator.received).toHaveLength(0);
    });

    it('reports a wrong client secret as an authentication failure without calling the API', async () => {
      const { portal, paths } = connect(simulator, { clientSecret: 'wrong' });
      const error = await syncRefusal(portal);

      expect(error.code).toBe('national.authentication');
      expect(error.details).toMatchObject({ httpStatus: 401, oauthError: 'invalid_client' });
      expect(paths()).toEqual(['/token']);
    });

    it('pings by getting a token, and fails the ping when the token is refused', async () => {
      const { portal, paths } = connect(simulator);
      await portal.ping();
      expect(paths()).toEqual(['/token']);
      const refused = connect(simulator, { clientId: 'someone-else' });
      expect((await rejection(refused.portal.ping())).code).toBe('national.authentication');
    });
  });

  describe('dossiers', () => {
    it('posts a first sync to the create URL as an array, with the agency in the madonvi header', async () => {
      const { portal } = connect(simulator);
      const dossier = toNationalDossier(aDossier());
      const acknowledgement = await portal.syncDossier(agency, dossier, false);

      // [TH ResultHoSoDongBoDVCQuocGia] writes error_code as a string; it is compared as a number.
      expect(acknowledgement).toEqual({
        errorCode: 0,
        message: 'Đồng bộ thành công',
        switchedToUpdate: false,
      });
      const [request] = simulator.received;
      expect(request?.path).toBe('/dvcqg/hoso/dongbo');
      expect(request?.headers.madonvi).toBe(agency);
      expect(request?.body).toEqual([dossier]);
      expect(simulator.dossiers.get(dossier.MaHoSo)).toEqual(dossier);
    });

    it('posts a later sync to the update URL', async () => {
      const { portal } = connect(simulator);
      const dossier = toNationalDossier(aDossier());
      await portal.syncDossier(agency, dossier, false);
      await portal.syncDossier(agency, { ...dossier, TrangThaiHoSo: '4' }, true);

      expect(simulator.received.map((request) => request.path)).toEqual([
        '/dvcqg/hoso/dongbo',
        '/dvcqg/hoso/capnhat',
      ]);
      expect(simulator.dossiers.get(dossier.MaHoSo)?.TrangThaiHoSo).toBe('4');
    });

    it('switches to the update URL when the portal already has the dossier', async () => {
      const { portal, paths } = connect(simulator);
      const dossier = toNationalDossier(aDossier());
      await portal.syncDossier(agency, dossier, false);
      const acknowledgement = await portal.syncDossier(agency, dossier, false);

      expect(acknowledgement.switchedToUpdate).toBe(true);
      expect(paths().slice(1)).toEqual(['/dvcqg/hoso/dongbo', '/dvcqg/hoso/dongbo', '/dvcqg/hoso/capnhat']);
      expect(simulator.received.map((request) => request.path)).toEqual([
        '/dvcqg/hoso/dongbo',
        '/dvcqg/hoso/capnhat',
      ]);
    });

    it('uses configured paths under a base URL that has a path of its own', async () => {
      const { portal, paths } = connect(simulator, {
        baseUrl: 'http://lgsp.test/gateway',
        paths: { token: 'http://lgsp.test/token', createDossier: '/dvcqg/hoso/dongbo' },
      });
      // The simulator serves /dvcqg/… at its root, so a prefixed path answers 404.
      const error = await syncRefusal(portal);

      expect(paths()).toEqual(['/token', '/gateway/dvcqg/hoso/dongbo']);
      expect(error.code).toBe('national.transient');
    });
  });

  describe('without a token or unit header, as [TH SyncLocalDataToDVCQGService RequestHandler] calls it', () => {
    it('sends no Authorization header and asks for no token when no client is configured', async () => {
      simulator = simulatorWith({ lgspClient: undefined });
      const { portal, calls, paths } = connect(simulator, {
        clientId: undefined,
        clientSecret: undefined,
        agencyHeader: false,
      });
      await portal.ping();
      const dossier = toNationalDossier(aDossier());
      await portal.syncDossier(agency, dossier, false);
      expect(paths()).toEqual(['/dvcqg/hoso/dongbo']);
      expect(calls[0]?.headers.get('authorization')).toBeNull();
      expect(calls[0]?.headers.get('madonvi')).toBeNull();
      expect(simulator.dossiers.has(dossier.MaHoSo)).toBe(true);
    });

    it('sends the account’s own unit code in the madonvi header when one is configured', async () => {
      const { portal } = connect(simulator, { madonvi: '000.00.00.H12' });
      await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
      expect(simulator.received[0]?.headers.madonvi).toBe('000.00.00.H12');
    });

    it('takes a plain-text answer saying "thành công" as success [TH RequestHandlerReturnPlainText]', async () => {
      const portal = createLgspNationalPortal({
        baseUrl: 'http://lgsp.test/',
        timeoutMs: 1000,
        fetch: async () => new Response('Cập nhật tiến trình thành công', { status: 200 }),
      });
      const acknowledgement = await portal.updateProgress(
        agency,
        progressRows('000.00.12.H12-250314-9996', 1),
      );
      expect(acknowledgement.errorCode).toBe(0);
    });
  });

  describe('progress', () => {
    it('sends 25 rows as three calls of 10, 10 and 5 rows, in order', async () => {
      const { portal, paths } = connect(simulator);
      const dossier = toNationalDossier(aDossier());
      await portal.syncDossier(agency, dossier, false);
      const rows = progressRows(dossier.MaHoSo, 25);
      const acknowledgement = await portal.updateProgress(agency, rows);

      expect(acknowledgement.errorCode).toBe(0);
      expect(paths().filter((path) => path === '/dvcqg/tiendo/capnhat')).toHaveLength(3);
      const chunks = simulator.received
        .filter((request) => request.path === '/dvcqg/tiendo/capnhat')
        .map((request) => request.body as NationalProgressRow[]);
      expect(chunks.map((chunk) => chunk.length)).toEqual([10, 10, 5]);
      expect(chunks.flat().map((row) => row.NoiDungXuLy)).toEqual(rows.map((row) => row.NoiDungXuLy));
      expect(simulator.progress.get(dossier.MaHoSo)).toEqual(rows);
    });

    it('stops at the first chunk the portal rejects', async () => {
      const { portal, paths } = connect(simulator);
      const error = await rejection(
        portal.updateProgress(agency, progressRows('000.00.12.H12-250314-9999', 15)),
      );

      expect(error.code).toBe('national.rejected');
      expect(error.details).toEqual({ nationalErrorCode: '201' });
      expect(paths().filter((path) => path === '/dvcqg/tiendo/capnhat')).toHaveLength(1);
    });
  });

  describe('look-up', () => {
    it('returns what the portal holds for a synced dossier, asked with the lowercase key mahoso [OCPS searchDossier]', async () => {
      const { portal, calls } = connect(simulator);
      const dossier = toNationalDossier(aDossier());
      await portal.syncDossier(agency, dossier, false);

      const held = await portal.lookupDossier(agency, dossier.MaHoSo);
      expect(held && sameNationalRecord(held, dossier)).toBe(true);
      expect(calls.at(-1)?.path).toBe('/dvcqg/hoso/tracuu');
      expect(calls.at(-1)?.body).toEqual({ mahoso: dossier.MaHoSo });
    });

    it('returns undefined when the portal has no such dossier', async () => {
      const { portal } = connect(simulator);
      expect(await portal.lookupDossier(agency, '000.00.12.H12-250314-9998')).toBeUndefined();
    });
  });

  describe('failures', () => {
    it('reports a validation rejection as permanent', async () => {
      const { portal } = connect(simulator);
      await setFaults(simulator, { reject: true });
      const error = await syncRefusal(portal);
      expect(error.code).toBe('national.rejected');
      expect(error.details).toEqual({ nationalErrorCode: '500' });
    });

    it('reports a unit header the LGSP does not know as permanently rejected', async () => {
      const { portal } = connect(simulator, { madonvi: 'H12' });
      const error = await syncRefusal(portal);
      expect(error.code).toBe('national.rejected');
      expect(error.details).toEqual({ nationalErrorCode: '106' });
    });

    it('reports HTTP 429 as transient and carries Retry-After', async () => {
      const { portal, paths } = connect(simulator);
      await portal.ping();
      await setFaults(simulator, { failRate: 1, failStatus: 429 });
      const error = await syncRefusal(portal);
      expect(error.code).toBe('national.transient');
      expect(error.retryAfterSeconds).toBe(1);
      expect(paths()).toEqual(['/token', '/dvcqg/hoso/dongbo']);
    });

    it('reports HTTP 5xx as transient, also from the token endpoint', async () => {
      const { portal, paths } = connect(simulator);
      await setFaults(simulator, { failRate: 1, failStatus: 502 });
      const error = await syncRefusal(portal);
      expect(error.code).toBe('national.transient');
      expect(error.message).toContain('HTTP 502');
      expect(paths()).toEqual(['/token']);
    });

    it('reports a reply that is not JSON as transient', async () => {
      const { portal } = connect(simulator, { paths: { updateProgress: 'nowhere' } });
      const error = await rejection(
        portal.updateProgress(agency, progressRows('000.00.12.H12-250314-9997', 1)),
      );
      expect(error.code).toBe('national.transient');
      expect(error.message).toContain('non-JSON');
    });

    it('reports an unreachable LGSP as transient', () =>
      expectUnreachableIsTransient((baseUrl) =>
        createLgspNationalPortal({ baseUrl, ...lgspClient, timeoutMs: 1000 }),
      ));

    describe('over a real socket', () => {
      async function served() {
        const server = serve({ fetch: simulator.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
        if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
        return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
      }

      it('reports a host that drops the connection as transient', async () => {
        const { server, url } = await served();
        try {
          const portal = createLgspNationalPortal({ baseUrl: url, ...lgspClient, timeoutMs: 2000 });
          await portal.syncDossier(agency, toNationalDossier(aDossier()), false);
          await setFaults(simulator, { down: true });
          const error = await syncRefusal(portal);
          expect(error.code).toBe('national.transient');
          expect(error.message).toContain('unreachable');
          expect(simulator.received).toHaveLength(1);
        } finally {
          await closeServer(server);
        }
      });

      it('reports a call that outlasts the timeout as transient', async () => {
        const { server, url } = await served();
        try {
          const portal = createLgspNationalPortal({ baseUrl: url, ...lgspClient, timeoutMs: 200 });
          await portal.ping();
          await setFaults(simulator, { latencyMs: 2000 });
          const started = performance.now();
          const error = await syncRefusal(portal);
          expect(error.code).toBe('national.transient');
          expect(performance.now() - started).toBeLessThan(1500);
        } finally {
          await closeServer(server);
        }
      });
    });
  });
});
