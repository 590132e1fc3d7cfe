import { describe, expect, it } from 'vitest';
import { isPersonalKey, redactPersonalData, redactText } from '../../../functions/core/redact-personal-data';

describe('redactText', () => {
  it('masks 12-digit CCCD and 9-digit CMND numbers, keeping the last three digits', () => {
    expect(redactText('CCCD 001203004567 và CMND 123456789.')).toBe('CCCD ***567 và CMND ***789.');
  });

  it('masks Vietnamese phone numbers, grouped or not, with 0, 84 or +84', () => {
    expect(redactText('gọi 0912345678, 0912 345 678, +84912345678 hoặc 024.3825.3456')).toBe(
      'gọi ***678, ***678, ***678 hoặc ***456',
    );
  });

  it('masks e-mail addresses, keeping the first character and the domain', () => {
    expect(redactText('gửi an.nguyen@example.vn')).toBe('gửi a***@example.vn');
  });

  it('leaves dossier codes, agency codes, national timestamps, UUIDs and small numbers alone', () => {
    const text =
      '000.00.12.H12-250314-0007 of 000.00.12.H12 at 20250314083000, message 3f1c2d4e-1b2c-4d5e-8f90-123456789012, 1048576 bytes, 8000 VND';
    expect(redactText(text)).toBe(text);
  });
});

describe('redactPersonalData', () => {
  it('masks personal keys of the provincial and national formats whole, at any depth', () => {
    const masked = redactPersonalData({
      dossierCode: '000.00.12.H12-250314-0007',
      applicant: {
        type: 'citizen',
        name: 'Nguyễn Văn An',
        idNumber: '001203004567',
        address: 'Số 1 Tràng Tiền',
      },
      national: { ChuHoSo: 'Nguyễn Văn An', SoDienThoai: '0912345678', DinhDanhCHS: [{ SoDinhDanh: '1' }] },
      handledBy: { name: 'Trần Thị Bình' },
      client_secret: 'demo-secret',
    });
    expect(masked).toEqual({
      dossierCode: '000.00.12.H12-250314-0007',
      applicant: { type: 'citizen', name: '***', idNumber: '***567', address: '***' },
      national: { ChuHoSo: '***', SoDienThoai: '***678', DinhDanhCHS: '***' },
      handledBy: { name: '***' },
      client_secret: '***',
    });
  });

  it('masks patterns inside other strings and inside keys', () => {
    expect(redactPersonalData({ detail: 'SoDinhDanh 001203004567 sai', '0912345678': 1 })).toEqual({
      detail: 'SoDinhDanh ***567 sai',
      '***678': 1,
    });
  });

  it('keeps an error’s class name, masks its text and its cause', () => {
    const error = new Error('bad phone 0912345678', { cause: new TypeError('for an.nguyen@example.vn') });
    const masked = redactPersonalData({ error }) as { error: Record<string, unknown> };
    expect(masked.error.name).toBe('Error');
    expect(masked.error.message).toBe('bad phone ***678');
    expect(JSON.stringify(masked)).not.toMatch(/0912345678|an\.nguyen/);
    expect(masked.error.cause).toMatchObject({ name: 'TypeError', message: 'for a***@example.vn' });
  });

  it('survives cycles and absurd depth', () => {
    const cyclic: Record<string, unknown> = { idNumber: '001203004567' };
    cyclic.self = cyclic;
    expect(redactPersonalData(cyclic)).toEqual({ idNumber: '***567', self: '***' });
    let deep: unknown = { phone: '0912345678' };
    for (let level = 0; level < 10_000; level += 1) deep = { deep };
    expect(JSON.stringify(redactPersonalData(deep))).not.toContain('0912345678');
  });

  it('recognises key spellings regardless of case and separators', () => {
    for (const key of ['idNumber', 'id_number', 'ID-NUMBER', 'SoCMNDNguoiNop', 'HoTenNguoiNop', 'Email']) {
      expect(isPersonalKey(key)).toBe(true);
    }
    for (const key of ['dossierCode', 'agencyCode', 'serviceName', 'status']) {
      expect(isPersonalKey(key)).toBe(false);
    }
  });
});
