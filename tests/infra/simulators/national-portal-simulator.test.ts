import { beforeEach, describe, expect, it } from 'vitest';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { toNationalProgressRow } from '../../../functions/core/translate-status-change';
import {
  createNationalPortalSimulator,
  type NationalPortalSimulator,
} from '../../../infra/simulators/national-portal-simulator';
import { aDossier } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';

const account = { username: 'u', password: 'p', madonvi: '000.00.00.H12', dstcode: 'DST-H12' };
const lgspClient = { clientId: 'lgsp-client', clientSecret: 'lgsp-secret' };

async function json(response: Response | Promise<Response>) {
  return (await (await response).json()) as Record<string, unknown>;
}

function toForm(client: typeof lgspClient) {
  return { client_id: client.clientId, client_secret: client.clientSecret };
}

function tokenRequest(simulator: NationalPortalSimulator, form: Record<string, string>) {
  return simulator.app.request('/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

/** One session call: login with the account's dstcode, then the call on `path` (integration by default). */
async function sessionCall(
  simulator: NationalPortalSimulator,
  call: Record<string, unknown>,
  options: { path?: string; dstcode?: string; madonvi?: string } = {},
) {
  const { session } = await json(
    simulator.app.request('/login', {
      method: 'POST',
      headers: { dstcode: account.dstcode },
      body: JSON.stringify({ username: account.username, password: account.password }),
    }),
  );
  return json(
    simulator.app.request(options.path ?? '/service', {
      method: 'POST',
      headers: { dstcode: options.dstcode ?? account.dstcode },
      body: JSON.stringify({ session, madonvi: options.madonvi ?? account.madonvi, ...call }),
    }),
  );
}

async function lgspCall(simulator: NationalPortalSimulator, path: string, body: unknown, madonvi?: string) {
  const { access_token } = await json(
    tokenRequest(simulator, { grant_type: 'client_credentials', ...toForm(lgspClient) }),
  );
  return simulator.app.request(path, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${access_token}`,
      'content-type': 'application/json',
      ...(madonvi ? { madonvi } : {}),
    },
    body: JSON.stringify(body),
  });
}

const aRecord = () => toNationalDossier(aDossier(), { agencyName: 'UBND phường Hoàn Kiếm' });

describe('national portal simulator: a strict stand-in, from the evidence', () => {
  let simulator: NationalPortalSimulator;
  beforeEach(() => {
    simulator = createNationalPortalSimulator({ ...account, lgspClient });
  });

  it('keeps one state and one received log whichever transport a dossier came by', async () => {
    const dossier = aRecord();
    expect(await json(lgspCall(simulator, '/dvcqg/hoso/dongbo', [dossier]))).toMatchObject({
      error_code: '0',
    });

    const lookup = await sessionCall(
      simulator,
      { service: 'TraCuuHoSo', mahoso: dossier.MaHoSo },
      { path: '/share' },
    );
    expect(lookup).toMatchObject({ error_code: 0, result: [dossier] });
    const again = await sessionCall(simulator, {
      service: 'DongBoHoSoMC',
      isUpdating: 'False',
      data: [dossier],
    });
    expect(again.error_code).toBe(-3);
    await sessionCall(simulator, { service: 'DongBoHoSoMC', isUpdating: 'True', data: [dossier] });
    expect(simulator.received.map((request) => request.path)).toEqual(['/dvcqg/hoso/dongbo', '/service']);
  });

  it('answers an unknown dossier’s look-up with an empty result [OCPS hasSyncDossier]', async () => {
    const reply = await sessionCall(
      simulator,
      { service: 'TraCuuHoSo', mahoso: aRecord().MaHoSo },
      { path: '/share' },
    );
    expect(reply).toMatchObject({ error_code: 0, result: [] });
  });

  it('refuses a look-up keyed MaHoSo: the key is lowercase mahoso [OCPS searchDossier, TH GPLXService]', async () => {
    const reply = await sessionCall(
      simulator,
      { service: 'TraCuuHoSo', MaHoSo: aRecord().MaHoSo },
      { path: '/share' },
    );
    expect(reply.error_code).toBe(200);
    expect(reply.message).toContain('mahoso');
  });

  it('refuses a boolean isUpdating: it is the string "True" or "False" [OCPS syncDossierAndDossierStatus]', async () => {
    const reply = await sessionCall(simulator, {
      service: 'DongBoHoSoMC',
      isUpdating: false,
      data: [aRecord()],
    });
    expect(reply.error_code).toBe(302);
    expect(simulator.dossiers.size).toBe(0);
  });

  it('refuses a dossier missing a key, and a number where a string is due [TH HoSoDongBoDVC]', async () => {
    const { NgayKetThucXuLy: _dropped, ...missing } = aRecord();
    const incomplete = await sessionCall(simulator, {
      service: 'DongBoHoSoMC',
      isUpdating: 'False',
      data: [missing],
    });
    expect(incomplete.error_code).toBe(200);
    expect(incomplete.message).toContain('NgayKetThucXuLy');
    const numeric = await sessionCall(simulator, {
      service: 'DongBoHoSoMC',
      isUpdating: 'False',
      data: [{ ...aRecord(), TrangThaiHoSo: 2 }],
    });
    expect(numeric.error_code).toBe(302);
    expect(numeric.message).toContain('TrangThaiHoSo');
  });

  it('refuses another account’s madonvi or dstcode [OCPS ServerConfig madonvi, dstcode]', async () => {
    const call = { service: 'DongBoHoSoMC', isUpdating: 'False', data: [aRecord()] };
    expect((await sessionCall(simulator, call, { madonvi: '000.00.12.H12' })).error_code).toBe(106);
    expect((await sessionCall(simulator, call, { dstcode: 'DST-H56' })).error_code).toBe(100);
    const login = await json(
      simulator.app.request('/login', {
        method: 'POST',
        body: JSON.stringify({ username: 'u', password: 'p' }),
      }),
    );
    expect(login.error_code).toBe(100);
  });

  it('takes writes on the integration endpoint only', async () => {
    const reply = await sessionCall(
      simulator,
      { service: 'DongBoHoSoMC', isUpdating: 'False', data: [aRecord()] },
      { path: '/share' },
    );
    expect(reply.error_code).toBe(500);
    expect(simulator.dossiers.size).toBe(0);
  });

  it('keeps a progress row as history without moving the dossier’s status: only DongBoHoSoMC does', async () => {
    const dossier = aRecord();
    await sessionCall(simulator, { service: 'DongBoHoSoMC', isUpdating: 'False', data: [dossier] });
    const row = toNationalProgressRow(dossier.MaHoSo, aStatusChange('e1', 'processing', 5));
    expect((await sessionCall(simulator, { service: 'CapNhatTienDoHoSoMC', data: [row] })).error_code).toBe(
      0,
    );
    expect(simulator.dossiers.get(dossier.MaHoSo)?.TrangThaiHoSo).toBe('2');
    expect(simulator.progress.get(dossier.MaHoSo)).toEqual([row]);
  });

  it('refuses a progress row missing a key, and more than ten rows a call [TH chunks of 10]', async () => {
    const dossier = aRecord();
    await sessionCall(simulator, { service: 'DongBoHoSoMC', isUpdating: 'False', data: [dossier] });
    const row = toNationalProgressRow(dossier.MaHoSo, aStatusChange('e1', 'processing', 5));
    const { NgayBatDau: _dropped, ...missing } = row;
    expect(
      (await sessionCall(simulator, { service: 'CapNhatTienDoHoSoMC', data: [missing] })).error_code,
    ).toBe(200);
    const eleven = Array.from({ length: 11 }, () => row);
    expect((await sessionCall(simulator, { service: 'CapNhatTienDoHoSoMC', data: eleven })).error_code).toBe(
      500,
    );
  });

  it('answers a 5-digit daily sequence in MaHoSo [TH GetMaHoSo]', async () => {
    const dossier = { ...aRecord(), MaHoSo: '000.00.12.H12-250314-12345' };
    expect(
      (await sessionCall(simulator, { service: 'DongBoHoSoMC', isUpdating: 'False', data: [dossier] }))
        .error_code,
    ).toBe(0);
  });

  it('refuses a grant other than client_credentials', async () => {
    const response = await tokenRequest(simulator, { grant_type: 'password', ...toForm(lgspClient) });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('refuses every client when none is configured, and then takes calls without a token, as [TH]’s', async () => {
    simulator = createNationalPortalSimulator(account);
    const response = await tokenRequest(simulator, {
      grant_type: 'client_credentials',
      ...toForm(lgspClient),
    });
    expect(response.status).toBe(401);
    const open = await simulator.app.request('/dvcqg/hoso/dongbo', {
      method: 'POST',
      body: JSON.stringify([aRecord()]),
    });
    expect(await json(open)).toMatchObject({ error_code: '0' });
  });

  it('answers HTTP 401 with error_code "100" to a call without a token when a client is configured', async () => {
    const response = await simulator.app.request('/dvcqg/hoso/dongbo', { method: 'POST', body: '[]' });
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ error_code: '100' });
  });

  it('answers "106" to an LGSP call whose madonvi header names no unit', async () => {
    const reply = await json(lgspCall(simulator, '/dvcqg/hoso/dongbo', [aRecord()], 'H12'));
    expect(reply.error_code).toBe('106');
    expect(simulator.received).toHaveLength(0);
  });

  it('answers an LGSP look-up of an unknown dossier with "201"', async () => {
    const reply = await json(lgspCall(simulator, '/dvcqg/hoso/tracuu', { mahoso: aRecord().MaHoSo }));
    expect(reply.error_code).toBe('201');
  });

  it('acknowledges and loses the next updates of a dossier set to be silently dropped', async () => {
    const dossier = aRecord();
    await sessionCall(simulator, { service: 'DongBoHoSoMC', isUpdating: 'False', data: [dossier] });
    const drops = await simulator.app.request('/_sim/silent-drops', {
      method: 'POST',
      body: JSON.stringify({ MaHoSo: dossier.MaHoSo, count: 2 }),
    });
    expect(await json(drops)).toEqual({ [dossier.MaHoSo]: 2 });

    const lost = await sessionCall(simulator, {
      service: 'CapNhatTienDoHoSoMC',
      data: [toNationalProgressRow(dossier.MaHoSo, aStatusChange('e5', 'processing', 5))],
    });
    expect(lost.error_code).toBe(0);
    const lostUpdate = await json(
      lgspCall(simulator, '/dvcqg/hoso/capnhat', [{ ...dossier, TrangThaiHoSo: '6' }]),
    );
    expect(lostUpdate.error_code).toBe('0');
    expect(simulator.dossiers.get(dossier.MaHoSo)?.TrangThaiHoSo).toBe('2');
    expect(simulator.progress.get(dossier.MaHoSo)).toBeUndefined();

    await sessionCall(simulator, {
      service: 'DongBoHoSoMC',
      isUpdating: 'True',
      data: [{ ...dossier, TrangThaiHoSo: '4' }],
    });
    expect(simulator.dossiers.get(dossier.MaHoSo)?.TrangThaiHoSo).toBe('4');
  });

  it('refuses a silent-drop setting without a dossier code', async () => {
    const response = await simulator.app.request('/_sim/silent-drops', {
      method: 'POST',
      body: JSON.stringify({ count: 1 }),
    });
    expect(response.status).toBe(400);
  });
});
