import { describe, expect, it } from 'vitest';
import type { PlatformTransaction } from '../../../contracts/payment-platform';
import {
  formatTransactionList,
  parseTransactionList,
} from '../../../functions/adapters/paygov-transaction-list';
import { isGatewayError } from '../../../functions/core/gateway-error';

const transactions: PlatformTransaction[] = [
  {
    MaThamChieu: 'LTAAAA0001',
    MaGiaoDich: 'PG1',
    SoTien: '8000',
    MaTienTe: 'VND',
    TrangThaiGD: '1',
    ThoiGianGD: '20250314090000',
    MaNganHang: 'VCB',
  },
  {
    MaThamChieu: 'LTAAAA0002',
    MaGiaoDich: '',
    SoTien: '250000',
    MaTienTe: 'VND',
    TrangThaiGD: '3',
    ThoiGianGD: '20250314091500',
    MaNganHang: '',
  },
];
const expected = { partnerCode: 'DEMO', day: '2025-03-14', secrets: ['demo-paygov-secret'] };
const file = formatTransactionList(transactions, {
  partnerCode: 'DEMO',
  day: '2025-03-14',
  secret: 'demo-paygov-secret',
});

function refusal(text: string, options = expected): string {
  try {
    parseTransactionList(text, options);
  } catch (error) {
    expect(isGatewayError(error, 'reconciliation.fileInvalid')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('the list was accepted');
}

describe('the daily transaction list', () => {
  it('reads back what the platform wrote, header, records and trailer', () => {
    expect(file.split('\n')[0]).toBe('H|1.0.6|DEMO|20250314');
    expect(file).toContain('\nT|2|258000|');
    expect(parseTransactionList(file, expected)).toEqual(transactions);
    expect(parseTransactionList(file.replace(/\n/g, '\r\n'), expected)).toEqual(transactions);
  });

  it('reads an empty day', () => {
    const empty = formatTransactionList([], {
      partnerCode: 'DEMO',
      day: '2025-03-14',
      secret: 'demo-paygov-secret',
    });
    expect(parseTransactionList(empty, expected)).toEqual([]);
  });

  it('refuses a truncated file, an altered amount, another day, another partner and another secret', () => {
    const lines = file.trimEnd().split('\n');
    expect(refusal([lines[0], lines[1], lines[3]].join('\n'))).toContain('checksum');
    expect(refusal(file.replace('|8000|', '|9000|'))).toContain('checksum');
    expect(refusal(file, { ...expected, day: '2025-03-15' })).toContain('20250314');
    expect(refusal(file, { ...expected, partnerCode: 'OTHER' })).toContain('partner');
    expect(refusal(file, { ...expected, secrets: ['another'] })).toContain('checksum');
    expect(refusal('{"error_code":"02"}')).toContain('header');
  });
});
