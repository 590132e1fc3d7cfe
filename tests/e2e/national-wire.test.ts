import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftRunReport } from '../../contracts/drift-check';
import {
  type DossierSubmission,
  type DossierView,
  dossierSubmissionV11Example,
  type StatusChange,
} from '../../contracts/provincial-api';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { consoleSessionOf } from '../support/console-sign-in';
import { aDossier } from '../support/fixtures';
import { aStatusChange, v11ApplicantRecord } from '../support/national-fixtures';
import {
  aPaymentRequest,
  clientOf,
  createdPayment,
  payAtSimulator,
  referenceOfPayment,
} from '../support/payments';
import { received } from '../support/receiver';
import { eventually, startTestRuntime, tokenFor, useTestRuntime } from '../support/test-runtime';

/**
 * Issue 16, end to end through the local runtime and the strict portal simulator: a dossier with
 * results, supplements, a moved due date and a payment reaches the portal with the QĐ 766 fields,
 * in the format and the call sequence real clients use [OCPS DVCQGIntegrationActionImpl
 * syncDossierAndDossierStatus, TH SyncLocalDataToDVCQGService]; a drift check on the clean run
 * finds nothing; a unit nobody can name is flagged, or refused in strict mode.
 */

interface PortalCall {
  path: string;
  headers: Record<string, string>;
  body: {
    service: string;
    madonvi: string;
    isUpdating?: string;
    data: Record<string, unknown>[];
  };
}

const started = useTestRuntime({ payments: { queryAfterSeconds: 0, queryEverySeconds: 0 } });
const { post } = started;

const view = async (dossierCode: string) =>
  (await (
    await fetch(`${started.runtime.urls.gateway}/v1/dossiers/${dossierCode}`, {
      headers: { authorization: `Bearer ${started.token}` },
    })
  ).json()) as DossierView;

async function callsFor(dossierCode: string): Promise<PortalCall[]> {
  return (await received<PortalCall['body']>(started.runtime.urls.nationalPortal)).filter((request) =>
    request.body.data?.some((item) => item.MaHoSo === dossierCode),
  ) as PortalCall[];
}

const synced = (dossierCode: string) =>
  eventually(async () => {
    const current = await view(dossierCode);
    return current.sync.state === 'synced' ? current : undefined;
  }, 30_000);

describe('a v1.1 dossier’s life, as the portal receives it', () => {
  const dossier: DossierSubmission = {
    ...aDossier({ dossierCode: '000.00.12.H12-250314-00077', channel: 'online', status: 'received' }),
    agencyName: 'UBND phường Hoàn Kiếm',
    submittedAt: '2025-03-14T08:10:00+07:00',
    applicant: dossierSubmissionV11Example.applicant,
    documents: [
      { id: 'doc-1', name: 'Tờ khai', url: 'https://files.example.vn/doc-1.pdf', digitised: true, reuse: 1 },
    ],
    nationalDataSources: ['7'],
  };
  const supplement = {
    id: 'bs-1',
    requestedBy: 'Trần Thị Bình',
    content: 'Bổ sung giấy chứng sinh',
    requestedAt: '2025-03-14T10:00:00+07:00',
    previousDueAt: dossier.dueAt,
    newDueAt: '2025-03-20T17:00:00+07:00',
  };
  const changes: StatusChange[] = [
    { ...aStatusChange('w-1', 'awaiting_supplement', 90), supplement, dueAt: '2025-03-20T17:00:00+07:00' },
    {
      ...aStatusChange('w-2', 'processing', 180),
      supplement: { ...supplement, receivedAt: '2025-03-15T09:00:00+07:00' },
    },
    {
      ...aStatusChange('w-3', 'resolved', 1440),
      results: [
        {
          id: 'kq-1',
          name: 'Giấy khai sinh (bản điện tử)',
          url: 'https://files.example.vn/kq-1.pdf',
          resultCode: 'KQ.G03-HT01.01',
        },
      ],
    },
    aStatusChange('w-4', 'returned', 1500),
  ];

  it('arrives as DongBoHoSoMC "False", then per change an update and a row, with the account’s madonvi and dstcode', async () => {
    expect((await post('/v1/dossiers', dossier)).status).toBe(202);
    await synced(dossier.dossierCode);
    // A payment the gateway settles before the result: DuocThanhToanTrucTuyen 1 from then on.
    const client = clientOf(started.runtime, started.token);
    const payment = await createdPayment(
      await client.post('/v1/payments', aPaymentRequest(dossier.dossierCode)),
    );
    await payAtSimulator(started.runtime, await referenceOfPayment(client, payment.paymentId));
    for (const change of changes) {
      expect((await post(`/v1/dossiers/${dossier.dossierCode}/status`, change)).status).toBe(202);
    }
    const calls = await eventually(async () => {
      const mine = await callsFor(dossier.dossierCode);
      return mine.length >= 1 + 1 + changes.length * 2 ? mine : undefined;
    }, 40_000);
    const steps = calls.map((call) =>
      call.body.service === 'DongBoHoSoMC'
        ? `update ${call.body.isUpdating} ${call.body.data[0]?.TrangThaiHoSo}`
        : `row ${call.body.data[0]?.TrangThai}${String(call.body.data[0]?.NoiDungXuLy).includes('thanh toán') ? ' payment' : ''}`,
    );
    expect(steps).toEqual([
      'update False 2',
      'row 2 payment',
      'update True 5',
      'row 5',
      'update True 4',
      'row 4',
      'update True 9',
      'row 9',
      'update True 10',
      'row 10',
    ]);
    expect(new Set(calls.map((call) => call.path))).toEqual(new Set(['/service']));
    expect(new Set(calls.map((call) => `${call.body.madonvi} ${call.headers.dstcode}`))).toEqual(
      new Set(['000.00.00.H12 DVCQG-H12']),
    );
  }, 60_000);

  it('carries every QĐ 766 fact in the portal’s record, the moved due date and the derived dates included', async () => {
    const record = started.runtime.simulators.nationalPortal.dossiers.get(dossier.dossierCode);
    expect(record).toMatchObject({
      MaHoSo: '000.00.12.H12-250314-00077',
      TrangThaiHoSo: '10',
      NgayHenTra: '20250320170000',
      NgayNopHoSo: '20250314081000',
      // resolved 1440 minutes after 08:30 on the 14th; returned an hour later.
      NgayKetThucXuLy: '20250315083000',
      NgayTra: '20250315093000',
      NgayTuChoi: '',
      DonViXuLy: 'UBND phường Hoàn Kiếm',
      ...v11ApplicantRecord,
      TaiLieuNop: [expect.objectContaining({ IsDeleted: 'False', DuocSoHoa: '1', DuocTaiSuDung: '1' })],
      DanhSachHoSoBoSung: [
        expect.objectContaining({
          HoSoBoSungId: 'bs-1',
          NgayBoSung: '20250314100000',
          NgayTiepNhanBoSung: '20250315090000',
          TrangThaiBoSung: '1',
          NgayHenTraTruoc: '20250317170000',
          NgayHenTraMoi: '20250320170000',
        }),
      ],
      DanhSachGiayToKetQua: [expect.objectContaining({ GiayToId: 'kq-1', MaGiayToKetQua: 'KQ.G03-HT01.01' })],
    });
  });

  it('finds nothing to report in a drift check of the clean run', async () => {
    await synced(dossier.dossierCode);
    await started.runtime.runSchedule('drift-check');
    const admin = await tokenFor(started.runtime, 'demo-admin', 'demo-admin-secret');
    const runs = (await (
      await fetch(`${started.runtime.urls.gateway}/v1/admin/drift-runs?limit=1`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as { items: DriftRunReport[] };
    expect(runs.items[0]).toMatchObject({ drifted: 0, missingAtPortal: 0, errors: 0, opened: 0 });
    expect(runs.items[0]?.agreed).toBeGreaterThanOrEqual(1);
  });
});

describe('a unit nobody can name', () => {
  it('is accepted with its code standing in as DonViXuLy, and flagged in the dossier view', async () => {
    const dossier = aDossier({ dossierCode: '000.00.31.H12-250314-0001', agencyCode: '000.00.31.H12' });
    expect((await post('/v1/dossiers', dossier)).status).toBe(202);
    const current = await synced(dossier.dossierCode);
    expect(current.flags).toEqual([expect.objectContaining({ code: 'agency.nameUnknown' })]);
    expect(current).not.toHaveProperty('agencyName');
    expect(started.runtime.simulators.nationalPortal.dossiers.get(dossier.dossierCode)?.DonViXuLy).toBe(
      '000.00.31.H12',
    );
    // The console's dossier page flags it too.
    const cookie = await consoleSessionOf(started.runtime, 'viewer@demo');
    const page = await fetch(`${started.runtime.urls.gateway}/admin/dossiers?code=${dossier.dossierCode}`, {
      headers: { cookie },
    });
    const html = await page.text();
    expect(html).toContain('data-flag="agency.nameUnknown"');
    expect(html).toContain('config/agency-names.json');
  });

  it('is not flagged once the dossier names it, nor when the configured table does', async () => {
    const named = {
      ...aDossier({ dossierCode: '000.00.31.H12-250314-0002', agencyCode: '000.00.31.H12' }),
      agencyName: 'UBND xã Tân Lập',
    };
    expect((await post('/v1/dossiers', named)).status).toBe(202);
    expect(await view(named.dossierCode)).toMatchObject({ agencyName: 'UBND xã Tân Lập', flags: [] });
    const configured = aDossier();
    expect((await post('/v1/dossiers', configured)).status).toBe(202);
    expect(await view(configured.dossierCode)).toMatchObject({
      agencyName: 'UBND phường Hoàn Kiếm (demo)',
      flags: [],
    });
  });
});

describe('strict mode', () => {
  let strict: LocalRuntime;
  let strictToken: string;
  beforeAll(async () => {
    strict = await startTestRuntime(null, { strictAgencyNames: true });
    strictToken = await tokenFor(strict);
  });
  afterAll(() => strict.stop());

  const postStrict = (body: unknown) =>
    fetch(`${strict.urls.gateway}/v1/dossiers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${strictToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses a dossier whose unit nobody can name with 422 agency.nameUnknown, naming both fixes', async () => {
    const dossier = aDossier({ dossierCode: '000.00.31.H12-250314-0003', agencyCode: '000.00.31.H12' });
    const refused = await postStrict(dossier);
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { code: string; detail: string; errors: { path: string }[] };
    expect(problem.code).toBe('agency.nameUnknown');
    expect(problem.detail).toContain('agencyName');
    expect(problem.detail).toContain('config/agency-names.json');
    expect(problem.errors.map((error) => error.path)).toEqual(['$.agencyName']);
    expect(await strict.deps.store.listMessages('national', dossier.dossierCode)).toEqual([]);

    expect((await postStrict({ ...dossier, agencyName: 'UBND xã Tân Lập' })).status).toBe(202);
    expect((await postStrict(aDossier())).status).toBe(202);
  });
});
