import { beforeEach, describe, expect, it } from 'vitest';
import { createLgspNationalPortal } from '../../../functions/adapters/lgsp-national-portal';
import { createRoutedNationalPortal } from '../../../functions/adapters/routed-national-portal';
import { createSessionNationalPortal } from '../../../functions/adapters/session-national-portal';
import { isGatewayError } from '../../../functions/core/gateway-error';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import {
  createNationalPortalSimulator,
  type NationalPortalSimulator,
} from '../../../infra/simulators/national-portal-simulator';
import { aDossier } from '../../support/fixtures';

const account = { username: 'u', password: 'p', madonvi: '000.00.00.H56', dstcode: 'DST-H56' };
const agencyOf = (dossierCode: string) => dossierCode.slice(0, dossierCode.indexOf('-'));
const lgspClient = { clientId: 'lgsp-client', clientSecret: 'lgsp-secret' };

let sequence = 0;

function aDossierOf(province: string) {
  sequence += 1;
  return toNationalDossier(
    aDossier({
      dossierCode: `000.00.12.${province}-250314-${String(sequence).padStart(4, '0')}`,
      agencyCode: `000.00.12.${province}`,
      procedureCode: `1.010708.000.00.00.${province}`,
    }),
  );
}

/** Both real transports against one simulator; H12 and G09 on LGSP, everyone else on the session envelope. */
function connect(simulator: NationalPortalSimulator, options: { lgspSecret?: string } = {}) {
  const calls: string[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push(url.pathname);
    return simulator.app.request(url.pathname, init);
  };
  const session = createSessionNationalPortal({
    baseUrl: 'http://portal.test/',
    ...account,
    timeoutMs: 2000,
    fetch,
  });
  const lgsp = createLgspNationalPortal({
    baseUrl: 'http://lgsp.test/',
    clientId: lgspClient.clientId,
    clientSecret: options.lgspSecret ?? lgspClient.clientSecret,
    timeoutMs: 2000,
    fetch,
  });
  const portal = createRoutedNationalPortal({ byProvince: { H12: lgsp, G09: lgsp }, fallback: session });
  return { portal, calls };
}

describe('national portal routed by province', () => {
  let simulator: NationalPortalSimulator;
  beforeEach(() => {
    simulator = createNationalPortalSimulator({ ...account, lgspClient });
  });

  it('sends an agency of a province configured for LGSP over LGSP, and any other over the fallback', async () => {
    const { portal } = connect(simulator);
    const h12 = aDossierOf('H12');
    const h56 = aDossierOf('H56');
    await portal.syncDossier(agencyOf(h12.MaHoSo), h12, false);
    await portal.syncDossier(agencyOf(h56.MaHoSo), h56, false);

    expect(simulator.received.map((request) => request.path)).toEqual(['/dvcqg/hoso/dongbo', '/service']);
    expect(simulator.received[0]?.headers.madonvi).toBe('000.00.12.H12');
    // The session account's own madonvi, whatever the dossier's unit [OCPS syncData].
    expect(simulator.received[1]?.body).toMatchObject({ madonvi: '000.00.00.H56' });
  });

  it('pulls the catalogues, which are the whole portal’s, through the fallback transport', async () => {
    const { portal, calls } = connect(simulator);
    const fields = await portal.listCatalogue('fields');
    expect(calls).toEqual(['/login', '/share']);
    expect(fields.entries.length).toBe(simulator.catalogues().fields.length);
  });

  it('routes progress and look-ups by the same suffix', async () => {
    const { portal, calls } = connect(simulator);
    const g09 = aDossierOf('G09');
    const agency = agencyOf(g09.MaHoSo);
    await portal.syncDossier(agency, g09, false);
    await portal.syncDossier(agency, { ...g09, TrangThaiHoSo: '4' }, true);
    await portal.updateProgress(agency, [
      {
        MaHoSo: g09.MaHoSo,
        NguoiXuLy: 'Lê Văn Cường',
        ChucDanh: '',
        ThoiDiemXuLy: '20250314100000',
        PhongBanXuLy: '',
        NoiDungXuLy: '',
        TrangThai: '4',
        NgayBatDau: '',
        NgayKetThucTheoQuyDinh: '',
      },
    ]);
    const found = await portal.lookupDossier(agency, g09.MaHoSo);

    expect(found?.TrangThaiHoSo).toBe('4');
    expect(calls).toEqual([
      '/token',
      '/dvcqg/hoso/dongbo',
      '/dvcqg/hoso/capnhat',
      '/dvcqg/tiendo/capnhat',
      '/dvcqg/hoso/tracuu',
    ]);
  });

  it('pings every transport once', async () => {
    const { portal, calls } = connect(simulator);
    await portal.ping();
    expect([...calls].sort()).toEqual(['/login', '/token']);
  });

  it('fails the ping when any one transport fails', async () => {
    const { portal } = connect(simulator, { lgspSecret: 'wrong' });
    const error = await portal.ping().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isGatewayError(error, 'national.authentication')).toBe(true);
  });
});
