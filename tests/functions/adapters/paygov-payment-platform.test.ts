import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPaygovPaymentPlatform } from '../../../functions/adapters/paygov-payment-platform';
import { isGatewayError } from '../../../functions/core/gateway-error';
import type { Payment } from '../../../functions/core/payment';

const sha256 = (parts: readonly string[]) => createHash('sha256').update(parts.join('|')).digest('hex');
const now = new Date('2025-03-14T01:30:00.000Z');

const payment: Payment = {
  paymentId: '0f8c2a9e-4b7d-4e1a-9c3b-5d7e9f1a2b3c',
  reference: 'LT0F8C2A9E4B7D4E1A9C3B5D7E9F1A2B3C',
  dossierCode: '000.00.12.H12-250314-0007',
  agencyCode: '000.00.12.H12',
  clientId: 'demo-province',
  requestHash: 'h',
  amount: 8000,
  lines: [{ code: 'LP01', name: 'Lệ phí', amount: 8000 }],
  payer: { name: 'Nguyễn Văn An', idNumber: '001203004567' },
  returnUrl: 'https://example.vn/return',
  state: 'initiating',
  createdAt: now.toISOString(),
  initiatingSince: now.toISOString(),
};

function platformAnswering(answer: (url: string, body: Record<string, string>) => Response) {
  const calls: { url: string; headers: Headers; body: Record<string, string> }[] = [];
  const platform = createPaygovPaymentPlatform({
    baseUrl: 'http://127.0.0.1:9/',
    partnerCode: 'DEMO',
    secrets: ['demo-paygov-secret'],
    apiToken: 'token-1',
    serviceCode: 'PHI_LE_PHI',
    channelCode: 'WEB',
    deviceCode: 'GW',
    ip: '127.0.0.1',
    timeoutMs: 1000,
    now: () => now,
    fetch: async (input, init) => {
      const body = JSON.parse(String(init?.body)) as Record<string, string>;
      calls.push({ url: String(input), headers: new Headers(init?.headers), body });
      return answer(String(input), body);
    },
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
  it('sends INIT signed over the listed fields, with a Bearer token, and reads UrlThanhToan', async () => {
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
    expect(body).toMatchObject({
      SoTien: '8000',
      ThoiGianGD: '20250314083000',
      MaThamChieu: payment.reference,
    });
    expect(body.MaXacThuc).toBe(
      sha256([
        'INIT',
        '1.0.6',
        'DEMO',
        payment.reference,
        '8000',
        'PAY',
        'WEB',
        'GW',
        'vi-VN',
        'VND',
        'PAYMENT',
        String(body.ThongTinGiaoDich),
        '20250314083000',
        '127.0.0.1',
        'demo-paygov-secret',
      ]),
    );
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

  it('believes a QUERY answer only when the platform signed it', async () => {
    const fields = {
      MaDoiTac: 'DEMO',
      MaThamChieu: payment.reference,
      TrangThaiGD: '1',
      SoTien: '8000',
      MaGiaoDich: 'PG1',
      ThoiGianGD: '20250314090000',
    };
    const signature = sha256([...Object.values(fields), 'demo-paygov-secret']);
    const signed = platformAnswering(() =>
      Response.json({ error_code: '0', ...fields, MaXacThuc: signature }),
    );
    expect(await signed.platform.query(payment.reference)).toEqual({
      state: 'paid',
      amount: 8000,
      platformTransactionId: 'PG1',
      at: '2025-03-14T09:00:00+07:00',
    });
    expect(signed.calls[0]?.body.MaXacThuc).toBe(
      sha256(['QUERY', '1.0.6', 'DEMO', payment.reference, '20250314083000', 'demo-paygov-secret']),
    );

    const forged = platformAnswering(() =>
      Response.json({ error_code: '0', ...fields, MaXacThuc: sha256(['x']) }),
    );
    expect(
      isGatewayError(
        await failureOf(forged.platform.query(payment.reference)),
        'payment.platformUnavailable',
      ),
    ).toBe(true);
    const unknown = platformAnswering(() => Response.json({ error_code: '02', message: 'không có' }));
    expect(await unknown.platform.query(payment.reference)).toBeUndefined();
  });
});
