import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPaymentPlatformSimulator } from '../../../infra/simulators/payment-platform-simulator';

const sha256 = (parts: readonly string[]) => createHash('sha256').update(parts.join('|')).digest('hex');
const simulator = () =>
  createPaymentPlatformSimulator({
    partnerCode: 'DEMO',
    secret: 'demo-paygov-secret',
    apiToken: 'demo-paygov-token',
    callbackUrl: () => undefined,
    now: () => new Date('2025-03-14T01:30:00.000Z'),
  });

function anInit(overrides: Record<string, string> = {}) {
  const fields = {
    LoaiBanTin: 'INIT',
    PhienBan: '1.0.6',
    MaDoiTac: 'DEMO',
    MaThamChieu: 'LTABCDEF0123456789',
    SoTien: '8000',
    LoaiHinhThanhToan: 'PAY',
    MaKenhThanhToan: 'WEB',
    MaThietBi: 'GW',
    NgonNgu: 'vi-VN',
    MaTienTe: 'VND',
    MaNganHang: 'PAYMENT',
    ThongTinGiaoDich: 'Thanh toan',
    ThoiGianGD: '20250314083000',
    Ip: '127.0.0.1',
    ...overrides,
  };
  return {
    ...fields,
    MaXacThuc: sha256([...Object.values(fields), 'demo-paygov-secret']),
    ThongTinBienLai: {
      MaDichVu: 'PHI_LE_PHI',
      MaDonVi: '000.00.12.H12',
      MaHoSo: '000.00.12.H12-250314-0007',
      NoiDungThanhToan: 'Thanh toan <script>',
      HoTenNguoiNop: 'Nguyễn Văn An',
      PhiLePhi: [{ LoaiPhiLePhi: '1', MaPhiLePhi: 'LP01', TenPhiLePhi: 'Lệ phí', SoTien: '8000' }],
      DSKhoanNop: [{ NoiDung: 'Lệ phí', SoTien: '8000' }],
    },
  };
}

const post = (sim: ReturnType<typeof simulator>, path: string, body: unknown, token = 'demo-paygov-token') =>
  sim.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

describe('the payment platform simulator', () => {
  it('accepts a signed INIT, answers the same URL for the same reference, and shows a page to pay on', async () => {
    const sim = simulator();
    const first = (await (await post(sim, '/paygov/init', anInit())).json()) as {
      error_code: string;
      message: { UrlThanhToan: string };
    };
    const again = (await (await post(sim, '/paygov/init', anInit())).json()) as typeof first;
    expect(first.error_code).toBe('0');
    expect(again.message.UrlThanhToan).toBe(first.message.UrlThanhToan);
    expect(sim.received).toHaveLength(2);

    const page = await sim.app.request(new URL(first.message.UrlThanhToan).pathname);
    const html = await page.text();
    expect(html).toContain('8.000 ₫');
    expect(html).toContain('value="paid"');
    expect(html).not.toContain('<script>');
  });

  it('refuses a missing token, a wrong MaXacThuc, another partner, and another amount under a known reference', async () => {
    const sim = simulator();
    expect((await post(sim, '/paygov/init', anInit(), 'wrong')).status).toBe(401);
    const tampered = { ...anInit(), SoTien: '9000' };
    expect(await (await post(sim, '/paygov/init', tampered)).json()).toMatchObject({ error_code: '01' });
    expect(await (await post(sim, '/paygov/init', anInit({ MaDoiTac: 'OTHER' }))).json()).toMatchObject({
      error_code: '04',
    });
    await post(sim, '/paygov/init', anInit());
    const otherAmount = anInit({ SoTien: '9000' });
    otherAmount.ThongTinBienLai.PhiLePhi = [
      { LoaiPhiLePhi: '1', MaPhiLePhi: 'LP01', TenPhiLePhi: 'x', SoTien: '9000' },
    ];
    expect(await (await post(sim, '/paygov/init', otherAmount)).json()).toMatchObject({ error_code: '03' });
    expect(sim.transactions.size).toBe(1);
  });

  it('answers QUERY signed, and GET_BILL only for a paid transaction', async () => {
    const sim = simulator();
    await post(sim, '/paygov/init', anInit());
    const query = {
      LoaiBanTin: 'QUERY',
      PhienBan: '1.0.6',
      MaDoiTac: 'DEMO',
      MaThamChieu: 'LTABCDEF0123456789',
      ThoiGianGD: '20250314090000',
    };
    const signed = { ...query, MaXacThuc: sha256([...Object.values(query), 'demo-paygov-secret']) };
    const answer = (await (await post(sim, '/paygov/query', signed)).json()) as Record<string, string>;
    expect(answer).toMatchObject({ error_code: '0', TrangThaiGD: '3', SoTien: '8000' });
    expect(answer.MaXacThuc).toBe(
      sha256(['DEMO', 'LTABCDEF0123456789', '3', '8000', '', answer.ThoiGianGD ?? '', 'demo-paygov-secret']),
    );
    const bill = { ...query, LoaiBanTin: 'GET_BILL' };
    const billRequest = { ...bill, MaXacThuc: sha256([...Object.values(bill), 'demo-paygov-secret']) };
    expect(await (await post(sim, '/paygov/get-bill', billRequest)).json()).toMatchObject({
      error_code: '02',
    });
  });
});
