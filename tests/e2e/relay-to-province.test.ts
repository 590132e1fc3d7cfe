import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NationalDossier } from '../../contracts/national-portal';
import { toNationalDossier } from '../../functions/core/translate-dossier';
import { pushNational } from '../../infra/local/demo-client';
import { demoWebhookSecret } from '../../infra/local/demo-credentials';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier } from '../support/fixtures';
import { received, setFaults } from '../support/receiver';
import { eventually, quickBreaker, startTestRuntime, tokenFor } from '../support/test-runtime';

let runtime: LocalRuntime;
let nationalToken: string;

beforeAll(async () => {
  // A breaker that re-probes after a second keeps recovery inside the test's time bound.
  runtime = await startTestRuntime(null, { endpoints: { provinceWebhooks: quickBreaker(8) } });
  nationalToken = await tokenFor(runtime, 'demo-national', 'demo-national-password');
});
afterAll(() => runtime.stop());
beforeEach(() => setFaults(runtime.urls.province, {}));

const push = (path: string, body: unknown, token = nationalToken) =>
  pushNational(runtime.urls.gateway, path, body, token);

function anOnlineDossier(): NationalDossier {
  return {
    ...toNationalDossier(aDossier({ channel: 'online', status: 'submitted' })),
    MaDoiTuong: 'vneid-123',
  };
}

/** A row as the portal pushes it: every key, "" for what it does not know [TH QuaTrinhXuLyDongBoDVC]. */
function aProgressRow(dossierCode: string, status: string, minute: number) {
  return {
    MaHoSo: dossierCode,
    NguoiXuLy: 'Cổng DVCQG',
    ChucDanh: '',
    ThoiDiemXuLy: `2025031409${String(minute).padStart(2, '0')}00`,
    PhongBanXuLy: '',
    NoiDungXuLy: '',
    TrangThai: status,
    NgayBatDau: '',
    NgayKetThucTheoQuyDinh: '',
  };
}

interface Webhook {
  headers: Record<string, string>;
  body: { id: string; type: string; data: { dossierCode: string; status: string } & Record<string, unknown> };
}

async function webhooksFor(dossierCode: string): Promise<Webhook[]> {
  return (await received<Webhook['body']>(runtime.urls.province)).filter(
    (request) => request.body.data.dossierCode === dossierCode,
  );
}

/** The portal's progress rows for a dossier, pushed in order: (TrangThaiHoSo, minute) each. */
async function pushProgress(dossierCode: string, rows: readonly (readonly [string, number])[]) {
  for (const [status, minute] of rows) {
    expect((await push('/v1/national/status', aProgressRow(dossierCode, status, minute))).status).toBe(202);
  }
}

/** The dossier's webhooks once at least `count` have come. */
const webhooksOnceThere = (dossierCode: string, count: number, timeoutMs?: number) =>
  eventually(async () => {
    const mine = await webhooksFor(dossierCode);
    return mine.length >= count ? mine : undefined;
  }, timeoutMs);

describe('national -> province relay', () => {
  it('delivers an online dossier and the portal’s status changes as signed webhooks, once each, in order', async () => {
    const dossier = anOnlineDossier();
    expect((await push('/v1/national/dossiers', dossier)).status).toBe(202);
    // The portal retries its push: a repeat is acknowledged and not delivered again.
    expect((await push('/v1/national/dossiers', dossier)).status).toBe(202);
    await pushProgress(dossier.MaHoSo, [
      ['2', 1],
      ['4', 2],
      ['9', 3],
    ]);
    const hooks = await webhooksOnceThere(dossier.MaHoSo, 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await webhooksFor(dossier.MaHoSo)).length).toBe(4);
    expect(hooks.map((hook) => `${hook.body.type}:${hook.body.data.status}`)).toEqual([
      'dossier.submitted:submitted',
      'dossier.status_changed:received',
      'dossier.status_changed:processing',
      'dossier.status_changed:resolved',
    ]);

    // Verify the first signature independently of any library: v1,base64(HMAC-SHA256(id.timestamp.body)).
    const [first] = hooks;
    const key = Buffer.from(demoWebhookSecret.replace(/^whsec_/, ''), 'base64');
    const signed = `${first?.headers['webhook-id']}.${first?.headers['webhook-timestamp']}.${JSON.stringify(first?.body)}`;
    const expected = `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
    expect(first?.headers['webhook-signature']?.split(' ')).toContain(expected);
    expect(first?.headers['webhook-id']).toBe(first?.body.id);
  }, 30_000);

  it('retries through a provincial system that fails a share of deliveries, still once and in order', async () => {
    await setFaults(runtime.urls.province, { failRate: 0.4, failStatus: 503 });
    const dossier = anOnlineDossier();
    expect((await push('/v1/national/dossiers', dossier)).status).toBe(202);
    await pushProgress(dossier.MaHoSo, [
      ['2', 1],
      ['4', 2],
    ]);
    const hooks = await webhooksOnceThere(dossier.MaHoSo, 3, 50_000);
    expect(hooks.map((hook) => hook.body.data.status)).toEqual(['submitted', 'received', 'processing']);
  }, 60_000);

  it('refuses pushes without the national scope, for unowned agencies, or of malformed records', async () => {
    const provinceToken = await tokenFor(runtime);
    expect((await push('/v1/national/dossiers', anOnlineDossier(), provinceToken)).status).toBe(403);
    const unowned = { ...anOnlineDossier(), MaHoSo: '000.00.12.H56-250314-0001', DonViXuLy: '000.00.12.H56' };
    const refused = await push('/v1/national/dossiers', unowned);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'province.notRegistered' });
    const malformed = await push('/v1/national/status', { MaHoSo: 'x', TrangThai: '99' });
    expect(malformed.status).toBe(400);
    expect(
      ((await malformed.json()) as { errors: { path: string }[] }).errors.map((error) => error.path),
    ).toEqual(expect.arrayContaining(['$.MaHoSo', '$.TrangThai', '$.ThoiDiemXuLy']));
  });

  it('reads a push the way the portal writes it: "" values, numbers, "True"/"False", a unit’s name, a 5-digit sequence, a business’s tax code [OCPS, TH]', async () => {
    const written = {
      ...anOnlineDossier(),
      MaHoSo: '000.00.12.H12-250316-00042',
      // A name, and another province's code would not route it anywhere else either.
      DonViXuLy: 'UBND phường Hoàn Kiếm',
      TrangThaiHoSo: 1,
      KenhThucHien: 2,
      LoaiDoiTuong: '2',
      SoGiayToChuHoSo: '0101234567',
      DinhDanhCHS: [],
      NgayTra: '',
      NgayKetThucXuLy: '',
      Email: '',
      TaiKhoanDuocXacThucVoiVNeID: 'True',
    };
    expect((await push('/v1/national/dossiers', written)).status).toBe(202);
    const [hook] = await eventually(async () => {
      const mine = await webhooksFor(written.MaHoSo);
      return mine.length >= 1 ? mine : undefined;
    });
    expect(hook?.body.data).toMatchObject({
      dossierCode: '000.00.12.H12-250316-00042',
      agencyCode: '000.00.12.H12',
      agencyName: 'UBND phường Hoàn Kiếm',
      status: 'submitted',
      applicant: { type: 'business', idNumber: '0101234567', verifiedWithVNeID: true },
    });
    expect(hook?.body.data).not.toHaveProperty('returnedAt');
  }, 30_000);

  it('routes a push by the agency its MaHoSo starts with, never by DonViXuLy', async () => {
    const elsewhere = {
      ...anOnlineDossier(),
      MaHoSo: '000.00.12.H56-250314-0002',
      DonViXuLy: 'UBND phường (demo H12)',
    };
    const refused = await push('/v1/national/dossiers', elsewhere);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'province.notRegistered' });
  });
});
