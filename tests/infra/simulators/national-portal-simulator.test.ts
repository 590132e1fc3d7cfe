import { beforeEach, describe, expect, it } from 'vitest';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { toNationalProgressRow } from '../../../functions/core/translate-status-change';
import {
  createNationalPortalSimulator,
  type NationalPortalSimulator,
} from '../../../infra/simulators/national-portal-simulator';
import { aDossier } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';

const account = { username: 'u', password: 'p' };
const lgspClient = { clientId: 'lgsp-client', clientSecret: 'lgsp-secret' };
const agency = '000.00.12.H12';

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

async function sessionCall(simulator: NationalPortalSimulator, call: Record<string, unknown>) {
  const { session } = await json(
    simulator.app.request('/login', { method: 'POST', body: JSON.stringify(account) }),
  );
  return json(
    simulator.app.request('/service', {
      method: 'POST',
      body: JSON.stringify({ session, madonvi: agency, ...call }),
    }),
  );
}

async function lgspCall(simulator: NationalPortalSimulator, path: string, body: unknown, madonvi = agency) {
  const { access_token } = await json(
    tokenRequest(simulator, { grant_type: 'client_credentials', ...toForm(lgspClient) }),
  );
  return simulator.app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json', madonvi },
    body: JSON.stringify(body),
  });
}

describe('national portal simulator, both transports', () => {
  let simulator: NationalPortalSimulator;
  beforeEach(() => {
    simulator = createNationalPortalSimulator({ ...account, lgspClient });
  });

  it('keeps one state and one received log whichever transport a dossier came by', async () => {
    const dossier = toNationalDossier(aDossier());
    expect(await json(lgspCall(simulator, '/dvcqg/hoso/dongbo', [dossier]))).toMatchObject({
      error_code: '0',
    });

    const lookup = await sessionCall(simulator, { service: 'TraCuuHoSo', MaHoSo: dossier.MaHoSo });
    expect(lookup.result).toEqual([dossier]);
    const again = await sessionCall(simulator, {
      service: 'DongBoHoSoMC',
      isUpdating: false,
      data: [dossier],
    });
    expect(again.error_code).toBe('-3');
    await sessionCall(simulator, { service: 'DongBoHoSoMC', isUpdating: true, data: [dossier] });
    expect(simulator.received.map((request) => request.path)).toEqual(['/dvcqg/hoso/dongbo', '/service']);
  });

  it('refuses a grant other than client_credentials', async () => {
    const response = await tokenRequest(simulator, { grant_type: 'password', ...toForm(lgspClient) });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('refuses every client when none is configured', async () => {
    simulator = createNationalPortalSimulator(account);
    const response = await tokenRequest(simulator, {
      grant_type: 'client_credentials',
      ...toForm(lgspClient),
    });
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ error: 'invalid_client' });
  });

  it('answers HTTP 401 with error_code 100 to a call without a token', async () => {
    const response = await simulator.app.request('/dvcqg/hoso/dongbo', { method: 'POST', body: '[]' });
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ error_code: '100' });
  });

  it('answers 106 to an LGSP call without a valid madonvi header', async () => {
    const reply = await json(
      lgspCall(simulator, '/dvcqg/hoso/dongbo', [toNationalDossier(aDossier())], 'H12'),
    );
    expect(reply.error_code).toBe('106');
    expect(simulator.received).toHaveLength(0);
  });

  it('answers 500 with the failing fields to an LGSP batch that breaks the contract', async () => {
    const rows = Array.from({ length: 11 }, () => ({ MaHoSo: 'nope' }));
    const reply = await json(lgspCall(simulator, '/dvcqg/tiendo/capnhat', rows));
    expect(reply.error_code).toBe('500');
    expect(reply.message).toContain('Dữ liệu không hợp lệ');
  });

  it('acknowledges and loses the next updates of a dossier set to be silently dropped', async () => {
    const dossier = toNationalDossier(aDossier({ status: 'received' }));
    await sessionCall(simulator, { service: 'DongBoHoSoMC', isUpdating: false, data: [dossier] });
    const drops = await simulator.app.request('/_sim/silent-drops', {
      method: 'POST',
      body: JSON.stringify({ MaHoSo: dossier.MaHoSo, count: 2 }),
    });
    expect(await json(drops)).toEqual({ [dossier.MaHoSo]: 2 });

    const row = (status: 'processing' | 'awaiting_payment' | 'resolved', minutes: number) =>
      toNationalProgressRow(dossier.MaHoSo, aStatusChange(`evt-${minutes}`, status, minutes));
    const lost = await sessionCall(simulator, {
      service: 'CapNhatTienDoHoSoMC',
      data: [row('processing', 5)],
    });
    expect(lost.error_code).toBe('0');
    const lostUpdate = await json(
      lgspCall(simulator, '/dvcqg/hoso/capnhat', [{ ...dossier, TrangThaiHoSo: '6' }]),
    );
    expect(lostUpdate.error_code).toBe('0');
    expect(simulator.dossiers.get(dossier.MaHoSo)?.TrangThaiHoSo).toBe('2');
    expect(simulator.progress.get(dossier.MaHoSo)).toBeUndefined();

    await sessionCall(simulator, { service: 'CapNhatTienDoHoSoMC', data: [row('processing', 9)] });
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
