import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { closeServer } from '../../../infra/local/emulators';
import { createPaymentPlatformSimulator } from '../../../infra/simulators/payment-platform-simulator';
import { callbackSignedFields, initSignedFields, paygovChecksum } from '../../support/paygov-messages';

/** Checksums computed here, over the field orders tests/support/paygov-messages.ts writes out from [TH]. */
const SECRET = 'demo-paygov-secret';
const simulator = (callbackUrl?: string) =>
  createPaymentPlatformSimulator({
    partnerCode: 'DEMO',
    secret: SECRET,
    apiToken: 'demo-paygov-token',
    callbackUrl: () => callbackUrl,
    now: () => new Date('2025-03-14T01:30:00.000Z'),
  });

const INIT_TIME = '20250314083000';
const REFERENCE = 'LTABCDEF0123456789';

function anInit(overrides: Record<string, string> = {}) {
  const fields = {
    ...initSignedFields({
      MaThamChieu: REFERENCE,
      SoTien: '8000',
      ThongTinGiaoDich: 'Thanh toan',
      ThoiGianGD: INIT_TIME,
    }),
    ...overrides,
  };
  return {
    ...fields,
    MaXacThuc: paygovChecksum([...Object.values(fields), SECRET]),
    ThongTinBienLai: {
      MaDichVu: '2',
      MaDVC: '',
      TenDVC: '',
      MaTTHC: '',
      TenTTHC: '',
      MaDonVi: '000.00.12.H12',
      TenDonVi: 'UBND phường Hoàn Kiếm',
      MaHoSo: '000.00.12.H12-250314-0007',
      TKThuHuong: '',
      MaNHThuHuong: '',
      TenTKThuHuong: '',
      NoiDungThanhToan: 'Thanh toan <script>',
      HoTenNguoiNop: 'Nguyễn Văn An',
      SoCMNDNguoiNop: '000000000',
      DiaChiNguoiNop: '',
      PhiLePhi: [{ LoaiPhiLePhi: '1', MaPhiLePhi: 'LP01', TenPhiLePhi: 'Lệ phí', SoTien: '8000' }],
      DSKhoanNop: [{ NoiDung: 'Lệ phí', SoTien: '8000' }],
    },
  };
}

function aReferenceMessage(kind: 'QUERY' | 'GET_BILL', at = INIT_TIME) {
  const fields = {
    LoaiBanTin: kind,
    PhienBan: '1.0.6',
    MaDoiTac: 'DEMO',
    MaThamChieu: REFERENCE,
    ThoiGianGD: at,
  };
  return { ...fields, MaXacThuc: paygovChecksum([...Object.values(fields), SECRET]) };
}

const post = (sim: ReturnType<typeof simulator>, path: string, body: unknown, token = 'demo-paygov-token') =>
  sim.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

const json = async (response: Response | Promise<Response>) =>
  (await (await response).json()) as Record<string, unknown>;

describe('the payment platform simulator: a strict stand-in, from [TH]', () => {
  it('accepts a signed INIT, answers the same URL for the same reference, and shows a page to pay on', async () => {
    const sim = simulator();
    const first = await json(post(sim, '/paygov/init', anInit()));
    const again = await json(post(sim, '/paygov/init', anInit()));
    expect(first.error_code).toBe('0');
    // [TH InitPayment] reads message as a JSON string holding UrlThanhToan.
    const url = (JSON.parse(String(first.message)) as { UrlThanhToan: string }).UrlThanhToan;
    expect(again.message).toBe(first.message);
    expect(sim.received).toHaveLength(2);

    const html = await (await sim.app.request(new URL(url).pathname)).text();
    expect(html).toContain('8.000 ₫');
    expect(html).toContain('value="paid"');
    expect(html).not.toContain('<script>');
  });

  it('refuses a missing token, a wrong MaXacThuc, another partner, a missing receipt key, and another amount under a known reference', async () => {
    const sim = simulator();
    expect((await post(sim, '/paygov/init', anInit(), 'wrong')).status).toBe(401);
    expect(await json(post(sim, '/paygov/init', { ...anInit(), SoTien: '9000' }))).toMatchObject({
      error_code: '01',
    });
    expect(await json(post(sim, '/paygov/init', anInit({ MaDoiTac: 'OTHER' })))).toMatchObject({
      error_code: '04',
    });
    const { SoCMNDNguoiNop: _dropped, ...receipt } = anInit().ThongTinBienLai;
    const incomplete = await json(post(sim, '/paygov/init', { ...anInit(), ThongTinBienLai: receipt }));
    expect(incomplete).toMatchObject({ error_code: '04' });
    expect(incomplete.message).toContain('SoCMNDNguoiNop');
    await post(sim, '/paygov/init', anInit());
    const otherAmount = anInit({ SoTien: '9000' });
    otherAmount.ThongTinBienLai.PhiLePhi = [
      { LoaiPhiLePhi: '1', MaPhiLePhi: 'LP01', TenPhiLePhi: 'x', SoTien: '9000' },
    ];
    expect(await json(post(sim, '/paygov/init', otherAmount))).toMatchObject({ error_code: '03' });
    expect(sim.transactions.size).toBe(1);
  });

  it('answers QUERY as [TH CheckConfirmGiaoDichThanhToanHandler] reads it: {MaLoi, MoTaLoi, TrangThaiGD}, no error_code', async () => {
    const sim = simulator();
    await post(sim, '/paygov/init', anInit());
    const answer = await json(post(sim, '/paygov/query', aReferenceMessage('QUERY')));
    expect(answer).toMatchObject({ MaLoi: '00', TrangThaiGD: '3', SoTien: 8000, MaThamChieu: REFERENCE });
    expect(answer).not.toHaveProperty('error_code');
    expect(answer).not.toHaveProperty('MaXacThuc');
  });

  it('refuses a QUERY or GET_BILL that does not name the INIT’s ThoiGianGD [TH CheckPaymentStatusRequest]', async () => {
    const sim = simulator();
    await post(sim, '/paygov/init', anInit());
    const query = await json(post(sim, '/paygov/query', aReferenceMessage('QUERY', '20250314090000')));
    expect(query).toMatchObject({ MaLoi: '04' });
    expect(query.MoTaLoi).toContain('ThoiGianGD');
    expect(
      await json(post(sim, '/paygov/get-bill', aReferenceMessage('GET_BILL', '20250314090000'))),
    ).toMatchObject({
      error_code: '04',
    });
    expect(await json(post(sim, '/paygov/get-bill', aReferenceMessage('GET_BILL')))).toMatchObject({
      error_code: '02',
    });
  });

  it('sends a CALLBACK whose SoTien is a number, signed over the ten fields [TH ConfirmDvcPaymentCommandHandler]', async () => {
    const received: Record<string, unknown>[] = [];
    const gateway = new Hono().post('/callback', async (c) => {
      received.push(await c.req.json());
      return c.json({ MaLoi: '00' });
    });
    const server = serve({ fetch: gateway.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
    try {
      const sim = simulator(`http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`);
      await post(sim, '/paygov/init', anInit());
      await sim.app.request(`/_sim/pay/${REFERENCE}`, {
        method: 'POST',
        body: JSON.stringify({ outcome: 'paid' }),
      });
      const [callback] = received;
      expect(callback).toMatchObject({
        LoaiBanTin: 'CALLBACK',
        MaLoi: '00',
        SoTien: 8000,
        ThongTinGiaoDich: 'Thanh toan',
      });
      expect(callback?.MaXacThuc).toBe(
        paygovChecksum([...callbackSignedFields.map((name) => String(callback?.[name])), SECRET]),
      );
      const paid = await json(post(sim, '/paygov/query', aReferenceMessage('QUERY')));
      expect(paid).toMatchObject({ MaLoi: '00', TrangThaiGD: '1', MaGiaoDich: callback?.MaGiaoDich });
    } finally {
      await closeServer(server);
    }
  });
});
