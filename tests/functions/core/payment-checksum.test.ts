import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checksumValues } from '../../../contracts/payment-platform';
import {
  computeDocumentChecksum,
  computePaymentChecksum,
  verifyDocumentChecksum,
  verifyPaymentChecksum,
} from '../../../functions/core/payment-checksum';
import { callbackSignedFields, initSignedFields } from '../../support/paygov-messages';

/**
 * The expected values are computed here, from fields written out by hand in the order [TH]
 * (HuanVu201/DichVuCong_KhoaLuan_PASETO DvcPaymentService.cs, ConfirmDvcPaymentCommandHandler.cs)
 * joins them: the joined texts below, and the orders in tests/support/paygov-messages.ts.
 */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const SECRET = 'demo-paygov-secret';

const init = {
  ...initSignedFields({
    MaThamChieu: 'LT0F8C2A9E4B7D4E1A9C3B5D7E9F1A2B3C',
    SoTien: '258000',
    ThongTinGiaoDich: 'Thanh toán phí, lệ phí hồ sơ 000.00.12.H12-250314-0007',
    ThoiGianGD: '20250314083000',
  }),
  ThongTinBienLai: { ignored: 'not part of MaXacThuc' },
};

describe('MaXacThuc', () => {
  it('is the lowercase hex SHA-256 of the INIT fields joined with | and the secret last', () => {
    const expected = sha256(
      'INIT|1.0.6|DEMO|LT0F8C2A9E4B7D4E1A9C3B5D7E9F1A2B3C|258000|PAY|1|1|vi-VN|VND|PAYMENT|' +
        'Thanh toán phí, lệ phí hồ sơ 000.00.12.H12-250314-0007|20250314083000|127.0.0.1|demo-paygov-secret',
    );
    expect(computePaymentChecksum(checksumValues('INIT', init), SECRET)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it(`covers the callback fields in the order ${callbackSignedFields.join(', ')}`, () => {
    const callback = {
      MaXacThuc: 'x',
      ThongTinGiaoDich: 'Thanh toan',
      ThoiGianGD: '20250314090000',
      MaNganHang: 'VCB',
      MaGiaoDich: 'PG123',
      MaTienTe: 'VND',
      SoTien: '258000',
      MaThamChieu: 'LTABC12345',
      MaDoiTac: 'DEMO',
      MaLoi: '00',
      LoaiBanTin: 'CALLBACK',
    };
    const expected = sha256(
      'CALLBACK|00|DEMO|LTABC12345|258000|VND|PG123|VCB|20250314090000|Thanh toan|demo-paygov-secret',
    );
    expect(computePaymentChecksum(checksumValues('CALLBACK', callback), SECRET)).toBe(expected);
    expect(verifyPaymentChecksum(checksumValues('CALLBACK', callback), expected, [SECRET])).toBe(true);
  });

  it('covers exactly five fields for QUERY and GET_BILL', () => {
    const query = {
      LoaiBanTin: 'QUERY',
      PhienBan: '1.0.6',
      MaDoiTac: 'DEMO',
      MaThamChieu: 'LTABC12345',
      ThoiGianGD: '20250314090000',
    };
    expect(computePaymentChecksum(checksumValues('QUERY', query), SECRET)).toBe(
      sha256('QUERY|1.0.6|DEMO|LTABC12345|20250314090000|demo-paygov-secret'),
    );
    expect(
      computePaymentChecksum(checksumValues('GET_BILL', { ...query, LoaiBanTin: 'GET_BILL' }), SECRET),
    ).toBe(sha256('GET_BILL|1.0.6|DEMO|LTABC12345|20250314090000|demo-paygov-secret'));
  });

  it('counts an absent field as an empty value', () => {
    const query = { LoaiBanTin: 'QUERY', PhienBan: '1.0.6', MaDoiTac: 'DEMO', ThoiGianGD: '20250314090000' };
    expect(computePaymentChecksum(checksumValues('QUERY', query), SECRET)).toBe(
      sha256('QUERY|1.0.6|DEMO||20250314090000|demo-paygov-secret'),
    );
  });

  it('verifies upper-case hex, and the previous secret during a rotation, and nothing else', () => {
    const values = ['QUERY', '1.0.6', 'DEMO', 'LTABC12345', '20250314090000'];
    const old = sha256(`${values.join('|')}|old-secret`);
    expect(verifyPaymentChecksum(values, old.toUpperCase(), ['new-secret', 'old-secret'])).toBe(true);
    expect(verifyPaymentChecksum(values, old, ['new-secret'])).toBe(false);
    expect(verifyPaymentChecksum(values, old.slice(0, 63), ['old-secret'])).toBe(false);
    expect(verifyPaymentChecksum(values, `${old}00`, ['old-secret'])).toBe(false);
    expect(verifyPaymentChecksum(values, 'z'.repeat(64), ['old-secret'])).toBe(false);
    expect(verifyPaymentChecksum([...values.slice(0, 4), '20250314090001'], old, ['old-secret'])).toBe(false);
    expect(verifyPaymentChecksum(values, old, [])).toBe(false);
  });

  it('never signs, and never verifies, values holding the separator "|" (issue 17)', () => {
    const values = ['QUERY', '1.0.6', 'DEMO', 'LT|AB', '20250314090000'];
    expect(() => computePaymentChecksum(values, SECRET)).toThrow(RangeError);
    const joined = sha256(`${values.join('|')}|${SECRET}`);
    expect(verifyPaymentChecksum(values, joined, [SECRET])).toBe(false);
  });

  it('signs a whole document (the transaction list) as one value, "|" inside included', () => {
    const document = 'H|1.0.6|DEMO|20250314\nT|0|0';
    const checksum = computeDocumentChecksum(document, SECRET);
    expect(checksum).toBe(sha256(`${document}|${SECRET}`));
    expect(verifyDocumentChecksum(document, checksum, [SECRET])).toBe(true);
    expect(verifyDocumentChecksum(`${document} `, checksum, [SECRET])).toBe(false);
  });
});
