import { describe, expect, it } from 'vitest';
import { nationalDossierSchema } from '../../../contracts/national-portal';
import { fromNationalTimestamp, toNationalTimestamp } from '../../../functions/core/national-time';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { aDossier } from '../../support/fixtures';

describe('translation to the national dossier', () => {
  it('produces a DongBoHoSoMC object the national schema accepts', () => {
    const national = toNationalDossier(aDossier());
    expect(nationalDossierSchema.safeParse(national).success).toBe(true);
  });

  it('writes codes and times the way the portal expects', () => {
    const national = toNationalDossier(
      aDossier({
        channel: 'post',
        status: 'awaiting_payment',
        resultDelivery: 'post',
        receivedAt: '2025-03-14T01:30:00Z',
      }),
    );
    expect(national).toMatchObject({
      KenhThucHien: '3',
      TrangThaiHoSo: '6',
      HinhThuc: '1',
      LoaiDoiTuong: '1',
      NgayTiepNhan: '20250314083000',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '001203004567' }],
      DanhSachLePhi: [
        {
          MaPhiLePhi: 'LP01',
          Gia: '8000',
          TenPhiLePhi: 'Lệ phí đăng ký khai sinh',
          HinhThucThu: '1',
          LoaiPhiLePhi: '1',
        },
      ],
    });
  });

  it('marks a 9-digit ID as an old CMND', () => {
    const national = toNationalDossier(
      aDossier({ applicant: { type: 'business', name: 'Công ty A', idNumber: '123456789' } }),
    );
    expect(national.DinhDanhCHS).toEqual([{ LoaiDinhDanh: '2', SoDinhDanh: '123456789' }]);
    expect(national.LoaiDoiTuong).toBe('2');
  });
});

describe('national time', () => {
  it('converts an instant to Vietnam wall-clock time across a day boundary', () => {
    expect(toNationalTimestamp('2025-12-31T20:15:00Z')).toBe('20260101031500');
  });

  it('round-trips through the +07:00 offset', () => {
    expect(fromNationalTimestamp('20250314083000')).toBe('2025-03-14T08:30:00+07:00');
    expect(toNationalTimestamp(fromNationalTimestamp('20250314083000'))).toBe('20250314083000');
  });

  it('refuses what is not a time', () => {
    expect(() => toNationalTimestamp('not a time')).toThrow(RangeError);
    expect(() => fromNationalTimestamp('2025-03-14')).toThrow(RangeError);
  });
});
