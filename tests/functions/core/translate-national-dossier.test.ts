import { describe, expect, it } from 'vitest';
import { inboundNationalDossierSchema, inboundProgressRowSchema } from '../../../contracts/national-portal';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import {
  fromNationalDossier,
  fromNationalProgressRow,
} from '../../../functions/core/translate-national-dossier';
import { aDossier } from '../../support/fixtures';
import { refusal } from '../../support/refusal';

/** A dossier record as the portal pushes it, with `overrides` as it writes them (before reading). */
const online = (overrides: Record<string, unknown> = {}) => ({
  ...toNationalDossier(aDossier({ dossierCode: '000.00.12.H12-250314-0042', channel: 'online' })),
  ...overrides,
});

/** The gateway's reading of a pushed record: the tolerant schema, then the translation. */
const translate = (record: Record<string, unknown>) =>
  fromNationalDossier(inboundNationalDossierSchema.parse(record));

const refusedDossier = (record: Record<string, unknown>) => refusal(() => translate(record));

describe('translation from the national dossier', () => {
  it('takes the receiving agency from MaHoSo, never from DonViXuLy, which names a unit [OCPS getGovAgencyName, TH GroupName]', () => {
    const dossier = translate(online({ DonViXuLy: 'UBND xã Tân Lập' }));
    expect(dossier.agencyCode).toBe('000.00.12.H12');
    expect(dossier.agencyName).toBe('UBND xã Tân Lập');
  });

  it('does not take an agency code in DonViXuLy for a unit name', () => {
    expect(translate(online({ DonViXuLy: '000.00.31.H12' }))).not.toHaveProperty('agencyName');
  });

  it('reads "" as absent, dates included [OCPS StringPool.BLANK, TH string.Empty]', () => {
    const dossier = translate(
      online({
        Email: '',
        SoDienThoai: ' ',
        MaLinhVuc: '',
        TenLinhVuc: ' ',
        GhiChu: '\t',
        ThongTinKhac: '',
        NgayTra: '',
        NgayKetThucXuLy: '',
        NgayTuChoi: '',
        MaDoiTuong: '',
        DanhSachLePhi: '',
      }),
    );
    expect(dossier.applicant).not.toHaveProperty('email');
    expect(dossier.applicant).not.toHaveProperty('phone');
    expect(dossier.applicant).not.toHaveProperty('address');
    expect(dossier.applicant).not.toHaveProperty('portalUserId');
    expect(dossier).not.toHaveProperty('fieldCode');
    expect(dossier).not.toHaveProperty('note');
    expect(dossier).not.toHaveProperty('returnedAt');
    expect(dossier).not.toHaveProperty('finishedAt');
    expect(dossier).not.toHaveProperty('fees');
  });

  it('reads numbers where the portal means strings, and flags as "True"/"False" or "0"/"1" [OCPS, TH]', () => {
    const [document] = online().TaiLieuNop;
    const dossier = translate(
      online({
        TrangThaiHoSo: 4,
        KenhThucHien: 2,
        LoaiDoiTuong: 1,
        HinhThuc: 0,
        TaiKhoanDuocXacThucVoiVNeID: 'True',
        TaiLieuNop: [{ ...document, IsDeleted: 'False', DuocSoHoa: 'True', DuocLayTuKhoDMQG: 1 }],
        DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', MaPhiLePhi: 'LP01', Gia: 8000 }],
      }),
    );
    expect(dossier).toMatchObject({ status: 'processing', channel: 'online', resultDelivery: 'counter' });
    expect(dossier.applicant.verifiedWithVNeID).toBe(true);
    expect(dossier.documents?.[0]).toMatchObject({ digitised: true, fromNationalStore: true });
    expect(dossier.fees).toEqual([{ code: 'LP01', name: 'Lệ phí', amount: 8000 }]);
  });

  it('skips an attachment marked IsDeleted "True" [OCPS IsDeleted "False"]', () => {
    const [document] = online().TaiLieuNop;
    const dossier = translate(online({ TaiLieuNop: [{ ...document, IsDeleted: 'True' }] }));
    expect(dossier).not.toHaveProperty('documents');
  });

  it('accepts a 5-digit daily sequence in MaHoSo [TH SyncLocalDataToDVCQGService GetMaHoSo]', () => {
    const dossier = translate(online({ MaHoSo: '000.00.12.H12-250314-00042' }));
    expect(dossier.dossierCode).toBe('000.00.12.H12-250314-00042');
  });

  it('reads a business applicant’s tax code as its ID number [OCPS LoaiDoiTuong 2 "business"]', () => {
    const business = translate(
      online({ DinhDanhCHS: [], SoGiayToChuHoSo: '0101234567-001', LoaiDoiTuong: '2' }),
    );
    expect(business.applicant).toMatchObject({ type: 'business', idNumber: '0101234567-001' });
    const listed = translate(
      online({ SoGiayToChuHoSo: 'B1234567', DinhDanhCHS: [{ LoaiDinhDanh: '2', SoDinhDanh: '123456789' }] }),
    );
    expect(listed.applicant.idNumber).toBe('123456789');
  });

  it('carries the v1.1 facts the portal writes: submission, end of processing, results, the citizen’s account', () => {
    const dossier = translate(
      online({
        MaDoiTuong: 'vneid-42',
        NgayNopHoSo: '20250314080000',
        NgayKetThucXuLy: '20250316100000',
        DanhSachGiayToKetQua: [
          {
            TenGiayTo: 'Giấy khai sinh',
            MaThanhPhanHoSo: '',
            GiayToId: 'kq-1',
            DuongDanTepTinKetQua: 'https://dichvucong.gov.vn/kq-1.pdf',
            MaGiayToKetQua: 'KQ01',
          },
        ],
      }),
    );
    expect(dossier).toMatchObject({
      submittedAt: '2025-03-14T08:00:00+07:00',
      finishedAt: '2025-03-16T10:00:00+07:00',
      applicant: { portalUserId: 'vneid-42' },
      results: [
        { id: 'kq-1', name: 'Giấy khai sinh', url: 'https://dichvucong.gov.vn/kq-1.pdf', resultCode: 'KQ01' },
      ],
    });
  });

  it('takes the submission for the reception of a dossier not yet received (NgayTiepNhan "")', () => {
    const dossier = translate(
      online({ NgayTiepNhan: '', NgayNopHoSo: '20250314080000', TrangThaiHoSo: '1' }),
    );
    expect(dossier.receivedAt).toBe('2025-03-14T08:00:00+07:00');
  });

  it('writes a phone number with spaces, dots or brackets as digits', () => {
    expect(translate(online({ SoDienThoai: '(+84) 912.345-678' })).applicant.phone).toBe('+84912345678');
  });

  it('names every missing field by the portal’s own name', () => {
    const error = refusedDossier(
      online({ MaTTHC: '', TenTTHC: undefined, NgayTiepNhan: '', NgayNopHoSo: '' }),
    );
    expect(error.code).toBe('request.invalid');
    expect(error.fieldErrors.map((fieldError) => fieldError.path)).toEqual([
      '$.MaTTHC',
      '$.TenTTHC',
      '$.NgayTiepNhan',
    ]);
  });

  it('refuses what the provincial contract cannot carry, naming the portal’s own fields', () => {
    const error = refusedDossier(
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
    const [kept] = online().TaiLieuNop;
    if (!kept) throw new Error('fixture has a document');
    const error = refusedDossier(
      online({
        TaiLieuNop: [
          { ...kept, IsDeleted: 'True' },
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
  const row = (overrides: Record<string, unknown>) =>
    fromNationalProgressRow(
      inboundProgressRowSchema.parse({
        MaHoSo: '000.00.12.H12-250314-0042',
        NguoiXuLy: 'Phạm Văn Dũng',
        ChucDanh: '',
        ThoiDiemXuLy: '20250314103000',
        PhongBanXuLy: '',
        NoiDungXuLy: '',
        TrangThai: '5',
        NgayBatDau: '',
        NgayKetThucTheoQuyDinh: '20250321170000',
        ...overrides,
      }),
    );

  it('carries the promised date the step sets as dueAt, and reads "" as absent [TH QuaTrinhXuLyDongBoDVC]', () => {
    const change = row({});
    expect(change).toMatchObject({
      status: 'awaiting_supplement',
      at: '2025-03-14T10:30:00+07:00',
      dueAt: '2025-03-21T17:00:00+07:00',
      handledBy: { name: 'Phạm Văn Dũng' },
    });
    expect(change).not.toHaveProperty('note');
    expect(change.handledBy).not.toHaveProperty('title');
  });

  it('reads a status written as a number, and names the portal as handler when NguoiXuLy is ""', () => {
    expect(row({ TrangThai: 4, NguoiXuLy: '' })).toMatchObject({
      status: 'processing',
      handledBy: { name: 'Cổng Dịch vụ công quốc gia' },
    });
  });
});
