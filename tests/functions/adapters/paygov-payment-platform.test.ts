import { describe, expect, it } from 'vitest';
import {
  createPaygovPaymentPlatform,
  type PaygovPaymentPlatformOptions,
} from '../../../functions/adapters/paygov-payment-platform';
import { isGatewayError } from '../../../functions/core/gateway-error';
import { aPayment } from '../../support/fixtures';
import { initSignedFields, paygovChecksum } from '../../support/paygov-messages';

const now = new Date('2025-03-14T01:30:00.000Z');
/** The payment was created (and its INIT sent) earlier than the moment any later question is asked. */
const createdAt = new Date('2025-03-14T01:00:00.000Z');

const payment = aPayment({
  paymentId: '0f8c2a9e-4b7d-4e1a-9c3b-5d7e9f1a2b3c',
  reference: 'LT0F8C2A9E4B7D4E1A9C3B5D7E9F1A2B3C',
  dossierCode: '000.00.12.H12-250314-0007',
  createdAt: createdAt.toISOString(),
  initiatingSince: createdAt.toISOString(),
});

function platformAnswering(
  answer: (url: string, body: Record<string, string>) => Response,
  overrides: Partial<PaygovPaymentPlatformOptions> = {},
) {
  const calls: { url: string; headers: Headers; body: Record<string, string> }[] = [];
  const platform = createPaygovPaymentPlatform({
    baseUrl: 'http://127.0.0.1:9/',
    partnerCode: 'DEMO',
    secrets: ['demo-paygov-secret'],
    apiToken: 'token-1',
    serviceCode: '2',
    channelCode: '1',
    deviceCode: '1',
    ip: '127.0.0.1',
    timeoutMs: 1000,
    now: () => now,
    fetch: async (input, init) => {
      const body = JSON.parse(String(init?.body)) as Record<string, string>;
      calls.push({ url: String(input), headers: new Headers(init?.headers), body });
      return answer(String(input), body);
    },
    ...overrides,
  });
  return { platform, calls };
}

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('it succeeded');
}

describe('the PayGov adapter', () => {
  it('sends INIT signed over the listed fields in [TH DvcPaymentService InitPayment]’s order, with a Bearer token, and reads UrlThanhToan', async () => {
    const { platform, calls } = platformAnswering(() =>
      Response.json({
        error_code: '0',
        message: JSON.stringify({ UrlThanhToan: 'https://pay.example.vn/p/1' }),
      }),
    );

    expect(await platform.initiate(payment)).toEqual({ paymentUrl: 'https://pay.example.vn/p/1' });

    const [call] = calls;
    expect(call?.url).toBe('http://127.0.0.1:9/paygov/init');
    expect(call?.headers.get('authorization')).toBe('Bearer token-1');
    const body = call?.body ?? {};
    // ThoiGianGD is the payment's creation, so a resumed INIT and every later QUERY name it.
    expect(body).toMatchObject({
      SoTien: '8000',
      ThoiGianGD: '20250314080000',
      MaThamChieu: payment.reference,
      MaKenhThanhToan: '1',
      MaThietBi: '1',
    });
    expect(body.MaXacThuc).toBe(
      paygovChecksum([
        ...Object.values(
          initSignedFields({
            MaThamChieu: payment.reference,
            SoTien: '8000',
            ThongTinGiaoDich: String(body.ThongTinGiaoDich),
            ThoiGianGD: '20250314080000',
          }),
        ),
        'demo-paygov-secret',
      ]),
    );
  });

  it('sends no Authorization header when no API token is configured [TH DvcPaymentService: only when AccessToken is set]', async () => {
    const { platform, calls } = platformAnswering(() => Response.json({ MaLoi: '00', TrangThaiGD: '3' }), {
      apiToken: undefined,
    });
    await platform.query(payment);
    expect(calls[0]?.headers.has('authorization')).toBe(false);
  });

  it('sends every ThongTinBienLai key, with the defaults [TH ThongTinBienLaiDvcPayment, InitPayment] uses', async () => {
    const { platform, calls } = platformAnswering(() =>
      Response.json({ error_code: 0, message: { UrlThanhToan: 'https://pay.example.vn/p/1' } }),
    );
    await platform.initiate({
      ...payment,
      payer: { name: 'Nguyễn Văn An' },
      procedureCode: '1.010708.000.00.00.H12',
      procedureName: 'Đăng ký khai sinh',
      agencyName: 'UBND phường Hoàn Kiếm',
    });
    expect((calls[0]?.body as unknown as { ThongTinBienLai?: unknown } | undefined)?.ThongTinBienLai).toEqual(
      {
        MaDichVu: '2',
        MaDVC: '1.010708.000.00.00.H12.01',
        TenDVC: 'Đăng ký khai sinh',
        MaTTHC: '1.010708.000.00.00.H12',
        TenTTHC: 'Đăng ký khai sinh',
        MaDonVi: '000.00.12.H12',
        TenDonVi: 'UBND phường Hoàn Kiếm',
        MaHoSo: payment.dossierCode,
        TKThuHuong: '',
        MaNHThuHuong: '',
        TenTKThuHuong: '',
        NoiDungThanhToan: `Thanh toán phí, lệ phí hồ sơ ${payment.dossierCode}`,
        HoTenNguoiNop: 'Nguyễn Văn An',
        SoCMNDNguoiNop: '000000000',
        DiaChiNguoiNop: '',
        PhiLePhi: [{ LoaiPhiLePhi: '1', MaPhiLePhi: 'LP01', TenPhiLePhi: 'Lệ phí', SoTien: '8000' }],
        DSKhoanNop: [{ NoiDung: 'Lệ phí', SoTien: '8000' }],
      },
    );
  });

  it('never signs a description holding the separator: a stored one is mended to "/" (issue 17)', async () => {
    const { platform, calls } = platformAnswering(() =>
      Response.json({
        error_code: '0',
        message: JSON.stringify({ UrlThanhToan: 'https://pay.example.vn/p/1' }),
      }),
    );
    await platform.initiate({ ...payment, description: 'Phí|00|DEMO' });
    expect(calls[0]?.body.ThongTinGiaoDich).toBe('Phí/00/DEMO');
  });

  it('tells a refusal (error_code) from an outage (HTTP 503, unreachable) and never quotes the body', async () => {
    const refused = await failureOf(
      platformAnswering(() => Response.json({ error_code: '14', message: 'từ chối' })).platform.initiate(
        payment,
      ),
    );
    expect(isGatewayError(refused, 'payment.platformRejected')).toBe(true);
    const down = await failureOf(
      platformAnswering(
        () => new Response('busy', { status: 503, headers: { 'retry-after': '7' } }),
      ).platform.initiate(payment),
    );
    expect(isGatewayError(down, 'payment.platformUnavailable')).toBe(true);
    expect((down as { retryAfterSeconds?: number }).retryAfterSeconds).toBe(7);
    const unreachable = await failureOf(
      platformAnswering(() => {
        throw new TypeError('fetch failed');
      }).platform.initiate(payment),
    );
    expect(isGatewayError(unreachable, 'payment.platformUnavailable')).toBe(true);
    for (const error of [refused, down, unreachable]) expect(error.message).not.toContain('001203004567');
  });

  it('asks QUERY with the original INIT’s ThoiGianGD and reads {MaLoi, TrangThaiGD} without error_code or checksum [TH CheckConfirmGiaoDichThanhToanHandler]', async () => {
    const answered = platformAnswering(() =>
      Response.json({
        MaLoi: '00',
        MoTaLoi: 'Thành công',
        MaDoiTac: 'DEMO',
        MaThamChieu: payment.reference,
        TrangThaiGD: '1',
        SoTien: 8000,
        MaGiaoDich: 'PG1',
        MaNganHang: 'VCB',
        ThoiGianGD: '20250314090000',
      }),
    );
    expect(await answered.platform.query(payment)).toEqual({
      state: 'paid',
      amount: 8000,
      platformTransactionId: 'PG1',
      bankCode: 'VCB',
      at: '2025-03-14T09:00:00+07:00',
    });
    expect(answered.calls[0]?.body).toMatchObject({ LoaiBanTin: 'QUERY', ThoiGianGD: '20250314080000' });
    expect(answered.calls[0]?.body.MaXacThuc).toBe(
      paygovChecksum(['QUERY', '1.0.6', 'DEMO', payment.reference, '20250314080000', 'demo-paygov-secret']),
    );
  });

  it('reads TrangThaiGD 3 as pending and 4 as failed, as a number or a string [TH]', async () => {
    const pending = platformAnswering(() => Response.json({ MaLoi: '00', TrangThaiGD: 3 }));
    expect((await pending.platform.query(payment))?.state).toBe('pending');
    const failed = platformAnswering(() => Response.json({ MaLoi: '00', TrangThaiGD: '4', MaGiaoDich: '' }));
    expect(await failed.platform.query(payment)).toEqual({ state: 'failed' });
  });

  it('settles nothing on a QUERY answer about another reference, without a state, or with an unknown MaLoi', async () => {
    for (const answer of [
      { MaLoi: '00', MaThamChieu: 'LTFFFFFFFF000040008000000000000001', TrangThaiGD: '1' },
      { MaLoi: '00' },
      { MaLoi: '99', MoTaLoi: 'Lỗi hệ thống' },
      { error_code: '0', TrangThaiGD: '1' },
    ]) {
      const { platform } = platformAnswering(() => Response.json(answer));
      expect(isGatewayError(await failureOf(platform.query(payment)), 'payment.platformUnavailable')).toBe(
        true,
      );
    }
    const unknown = platformAnswering(() =>
      Response.json({ MaLoi: '02', MoTaLoi: 'Không tìm thấy giao dịch' }),
    );
    expect(await unknown.platform.query(payment)).toBeUndefined();
  });

  it('asks once for a payment initiated since the wire change: the INIT named its creation', async () => {
    const { platform, calls } = platformAnswering(() => Response.json({ MaLoi: '00', TrangThaiGD: '3' }));
    await platform.query({ ...payment, initiatingSince: '2025-03-14T01:00:07.250Z' });
    expect(calls.map((call) => call.body.ThoiGianGD)).toEqual(['20250314080000']);
  });

  it('finds a payment whose INIT the code before the wire change stamped with the time of the call (issue 16 item 7)', async () => {
    // Resumed at 01:05:00.700Z; the old INIT went out a moment later, in the next second.
    const legacy = { ...payment, initiatingSince: '2025-03-14T01:05:00.700Z' };
    const byInitTime = (initTime: string) =>
      platformAnswering((_url, body) =>
        body.ThoiGianGD === initTime
          ? body.LoaiBanTin === 'QUERY'
            ? Response.json({ MaLoi: '00', TrangThaiGD: '1', MaThamChieu: payment.reference })
            : new Response(new Uint8Array([37, 80, 68, 70]), {
                headers: { 'content-type': 'application/pdf' },
              })
          : Response.json({ MaLoi: '04', MoTaLoi: 'ThoiGianGD không phải thời gian khởi tạo giao dịch' }),
      );
    const query = byInitTime('20250314080501');
    expect(await query.platform.query(legacy)).toEqual({ state: 'paid' });
    expect(query.calls.map((call) => call.body.ThoiGianGD)).toEqual([
      '20250314080000',
      '20250314080500',
      '20250314080501',
    ]);
    const bill = byInitTime('20250314080500');
    expect(await bill.platform.getBill(legacy)).toEqual(new Uint8Array([37, 80, 68, 70]));
    expect(bill.calls).toHaveLength(2);

    // Unknown under every time it may have named: still not found, never settled on a guess.
    const unknown = byInitTime('20250314090000');
    expect(
      isGatewayError(await failureOf(unknown.platform.query(legacy)), 'payment.platformUnavailable'),
    ).toBe(true);
    expect(unknown.calls).toHaveLength(3);
  });

  it('asks GET_BILL with the original INIT’s ThoiGianGD [TH GetBienLaiDvcPayment]', async () => {
    const { platform, calls } = platformAnswering(
      () =>
        new Response(new Uint8Array([37, 80, 68, 70]), { headers: { 'content-type': 'application/pdf' } }),
    );
    expect(await platform.getBill(payment)).toEqual(new Uint8Array([37, 80, 68, 70]));
    expect(calls[0]?.body).toMatchObject({ LoaiBanTin: 'GET_BILL', ThoiGianGD: '20250314080000' });
  });
});
