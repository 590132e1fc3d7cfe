import { describe, expect, it } from 'vitest';
import type { NationalDossier } from '../../../contracts/national-portal';
import { GatewayError } from '../../../functions/core/gateway-error';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import {
  fromNationalDossier,
  fromNationalProgressRow,
} from '../../../functions/core/translate-national-dossier';
import { aDossier } from '../../support/fixtures';

const online = (overrides: Partial<NationalDossier> = {}): NationalDossier => ({
  ...toNationalDossier(aDossier({ dossierCode: '000.00.12.H12-250314-0042', channel: 'online' })),
  ...overrides,
});

function refusal(national: NationalDossier): GatewayError {
  try {
    fromNationalDossier(national);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the dossier to be refused');
}

describe('translation from the national dossier', () => {
  it('takes the receiving agency from MaHoSo, not the processing unit DonViXuLy names', () => {
    const dossier = fromNationalDossier(online({ DonViXuLy: '000.00.31.H12' }));
    expect(dossier.agencyCode).toBe('000.00.12.H12');
  });

  it('reads blank optional fields as absent', () => {
    const dossier = fromNationalDossier(
      online({ Email: '', SoDienThoai: ' ', MaLinhVuc: '', TenLinhVuc: ' ', GhiChu: '\t', ThongTinKhac: '' }),
    );
    expect(dossier.applicant).not.toHaveProperty('email');
    expect(dossier.applicant).not.toHaveProperty('phone');
    expect(dossier.applicant).not.toHaveProperty('address');
    expect(dossier).not.toHaveProperty('fieldCode');
    expect(dossier).not.toHaveProperty('note');
  });

  it('keeps only a CCCD or CMND as the applicant’s ID number', () => {
    const business = fromNationalDossier(
      online({ DinhDanhCHS: undefined, SoGiayToChuHoSo: '0101234567-001', LoaiDoiTuong: '2' }),
    );
    expect(business.applicant).not.toHaveProperty('idNumber');
    const listed = fromNationalDossier(
      online({ SoGiayToChuHoSo: 'B1234567', DinhDanhCHS: [{ LoaiDinhDanh: '2', SoDinhDanh: '123456789' }] }),
    );
    expect(listed.applicant.idNumber).toBe('123456789');
  });

  it('writes a phone number with spaces, dots or brackets as digits', () => {
    expect(fromNationalDossier(online({ SoDienThoai: '(+84) 912.345-678' })).applicant.phone).toBe(
      '+84912345678',
    );
  });

  it('refuses what the provincial contract cannot carry, naming the portal’s own fields', () => {
    const error = refusal(
      online({
        NgayHenTra: '20250301000000',
        DanhSachLePhi: [
          { TenPhiLePhi: 'Miễn phí', MaPhiLePhi: 'LP00', HinhThucThu: '1', Gia: '0', LoaiPhiLePhi: '1' },
        ],
      }),
    );
    expect(error.code).toBe('request.invalid');
    expect(error.fieldErrors).toEqual([
      { path: '$.DanhSachLePhi[0].Gia', message: 'Số tiền phải lớn hơn 0 / Amount must be greater than 0' },
      {
        path: '$.NgayHenTra',
        message: 'Ngày hẹn trả phải sau ngày tiếp nhận / dueAt must not be before receivedAt',
      },
    ]);
  });

  it('points at the attachment’s own TaiLieuNop position, counting deleted ones', () => {
    const [kept] = online().TaiLieuNop ?? [];
    if (!kept) throw new Error('fixture has a document');
    const error = refusal(
      online({
        TaiLieuNop: [
          { ...kept, IsDeleted: '1' },
          kept,
          { ...kept, DuongDanTaiTepTin: 'C:\\hoso\\to-khai.pdf' },
        ],
      }),
    );
    expect(error.fieldErrors.map((fieldError) => fieldError.path)).toEqual([
      '$.TaiLieuNop[2].DuongDanTaiTepTin',
    ]);
  });
});

describe('translation from the national progress row', () => {
  it('carries the promised date the step sets as dueAt', () => {
    const change = fromNationalProgressRow({
      MaHoSo: '000.00.12.H12-250314-0042',
      NguoiXuLy: 'Phạm Văn Dũng',
      ThoiDiemXuLy: '20250314103000',
      TrangThai: '5',
      NgayKetThucTheoQuyDinh: '20250321170000',
    });
    expect(change).toMatchObject({
      status: 'awaiting_supplement',
      at: '2025-03-14T10:30:00+07:00',
      dueAt: '2025-03-21T17:00:00+07:00',
    });
  });
});
