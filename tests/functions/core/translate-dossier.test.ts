import { describe, expect, it } from 'vitest';
import { nationalDossierSchema } from '../../../contracts/national-portal';
import { dossierSubmissionSchema, dossierSubmissionV11Example } from '../../../contracts/provincial-api';
import { fromNationalTimestamp, toNationalTimestamp } from '../../../functions/core/national-time';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { toNationalProgressRow } from '../../../functions/core/translate-status-change';
import { aDossier } from '../../support/fixtures';
import { aStatusChange, v11ApplicantRecord } from '../../support/national-fixtures';

/** Every key of the DongBoHoSoMC dossier object, as [TH HoSoDongBoDVC] declares them. */
const thDossierKeys = [
  'MaHoSo',
  'MaTTHC',
  'TenTTHC',
  'MaLinhVuc',
  'TenLinhVuc',
  'KenhThucHien',
  'SoGiayToChuHoSo',
  'ChuHoSo',
  'LoaiDoiTuong',
  'MaDoiTuong',
  'ThongTinKhac',
  'Email',
  'Fax',
  'SoDienThoai',
  'TrichYeuHoSo',
  'NgayTiepNhan',
  'NgayHenTra',
  'TrangThaiHoSo',
  'NgayTra',
  'ThongTinTra',
  'HinhThuc',
  'NgayKetThucXuLy',
  'DonViXuLy',
  'GhiChu',
  'TaiLieuNop',
  'DanhSachLePhi',
  'DanhSachTepDinhKemKhac',
  'DanhSachHoSoBoSung',
  'DanhSachGiayToKetQua',
  'NoiNopHoSo',
  'HoSoCoThanhPhanSoHoa',
  'TaiKhoanDuocXacThucVoiVNeID',
  'DuocThanhToanTrucTuyen',
  'NgayTuChoi',
  'DinhDanhCHS',
  'NgayNopHoSo',
  'DSKetNoiCSDL',
];

const v1 = () =>
  aDossier({ applicant: { type: 'citizen', name: 'Nguyễn Văn An' }, documents: undefined, fees: undefined });

describe('translation to the national dossier', () => {
  it('produces a DongBoHoSoMC object the national schema accepts', () => {
    expect(nationalDossierSchema.safeParse(toNationalDossier(aDossier())).success).toBe(true);
  });

  it('sends every key, "" for what is unknown, all scalars as strings [TH ISyncLocalDataToDVCQGService HoSoDongBoDVC, OCPS createSyncDossierBodyRequest]', () => {
    const national = toNationalDossier(v1());
    expect(Object.keys(national).sort()).toEqual([...thDossierKeys].sort());
    expect(national).toMatchObject({
      MaDoiTuong: '',
      Email: '',
      Fax: '',
      NgayTra: '',
      NgayKetThucXuLy: '',
      NgayTuChoi: '',
      DanhSachLePhi: [],
      TaiLieuNop: [],
      DinhDanhCHS: [],
    });
    const scalars = Object.values(national).filter((value) => !Array.isArray(value));
    expect(scalars.every((value) => typeof value === 'string')).toBe(true);
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

  it('sends an attachment’s IsDeleted as the string "False" [OCPS data.put("IsDeleted", "False")]', () => {
    const [document] = toNationalDossier(aDossier()).TaiLieuNop;
    expect(document).toMatchObject({ IsDeleted: 'False', MaThanhPhanHoSo: 'TK01', MaKetQuaThayThe: '' });
  });

  it('sends the unit’s name as DonViXuLy: the dossier’s own, else the known one, else the code [OCPS getGovAgencyName]', () => {
    expect(
      toNationalDossier(aDossier({ agencyName: 'UBND phường Hoàn Kiếm' }), { agencyName: 'other' }).DonViXuLy,
    ).toBe('UBND phường Hoàn Kiếm');
    expect(toNationalDossier(aDossier(), { agencyName: 'UBND phường X' }).DonViXuLy).toBe('UBND phường X');
    expect(toNationalDossier(aDossier()).DonViXuLy).toBe('000.00.12.H12');
  });

  it('marks a 9-digit ID as an old CMND, and identifies a business by its tax code [OCPS LoaiDoiTuong 2, TH DinhDanhCHS]', () => {
    const cmnd = toNationalDossier(
      aDossier({ applicant: { type: 'citizen', name: 'An', idNumber: '123456789' } }),
    );
    expect(cmnd.DinhDanhCHS).toEqual([{ LoaiDinhDanh: '2', SoDinhDanh: '123456789' }]);
    const business = toNationalDossier(
      aDossier({ applicant: { type: 'business', name: 'Công ty A', idNumber: '0101234567-001' } }),
    );
    expect(business).toMatchObject({ LoaiDoiTuong: '2', SoGiayToChuHoSo: '0101234567-001', DinhDanhCHS: [] });
  });

  it('sends the citizen’s portal account (MaDoiTuong) for an online dossier only [TH KenhThucHien != 2 -> null]', () => {
    const applicant = { type: 'citizen' as const, name: 'An', portalUserId: 'vneid-1' };
    expect(toNationalDossier(aDossier({ channel: 'online', applicant })).MaDoiTuong).toBe('vneid-1');
    expect(toNationalDossier(aDossier({ channel: 'counter', applicant })).MaDoiTuong).toBe('');
  });

  it('carries every QĐ 766 fact of a v1.1 dossier [766 2.1, 3.3, 3.6, 4.1–4.5]', () => {
    const dossier = dossierSubmissionSchema.parse(dossierSubmissionV11Example);
    const national = toNationalDossier(dossier);
    expect(national).toMatchObject({
      MaHoSo: '000.00.12.H12-250314-00012',
      DonViXuLy: 'UBND phường Hoàn Kiếm',
      NgayKetThucXuLy: '20250319100000',
      NgayNopHoSo: '20250314081000',
      ...v11ApplicantRecord,
      TaiLieuNop: [expect.objectContaining({ DuocSoHoa: '1', DuocTaiSuDung: '0', DuocLayTuKhoDMQG: '0' })],
      DanhSachGiayToKetQua: [
        {
          TenGiayTo: 'Giấy khai sinh (bản điện tử)',
          MaThanhPhanHoSo: '',
          GiayToId: 'kq-1',
          DuongDanTepTinKetQua: 'https://files.example.vn/kq-1.pdf',
          MaGiayToKetQua: 'KQ.G03-HT01.01',
        },
      ],
      DanhSachHoSoBoSung: [
        {
          HoSoBoSungId: 'bs-1',
          NguoiYeuCauBoSung: 'Trần Thị Bình',
          NoiDungBoSung: 'Bổ sung bản sao giấy chứng sinh',
          NgayBoSung: '20250315090000',
          NguoiTiepNhanBoSung: '',
          ThongTinTiepNhan: '',
          NgayTiepNhanBoSung: '20250316140000',
          TrangThaiBoSung: '1',
          NgayHenTraTruoc: '20250317170000',
          NgayHenTraMoi: '20250319170000',
        },
      ],
    });
    expect(nationalDossierSchema.safeParse(national).success).toBe(true);
  });

  it('derives the end of processing, return and refusal dates from the status history when not sent [766 2.1]', () => {
    const moves = [
      { status: 'processing' as const, at: '2025-03-14T03:00:00Z' },
      { status: 'resolved' as const, at: '2025-03-16T03:00:00Z' },
      { status: 'returned' as const, at: '2025-03-17T02:00:00Z' },
    ];
    const national = toNationalDossier(aDossier({ status: 'returned' }), { moves });
    expect(national).toMatchObject({
      NgayKetThucXuLy: '20250316100000',
      NgayTra: '20250317090000',
      NgayTuChoi: '',
    });
    const refused = toNationalDossier(aDossier({ status: 'refused' }), {
      moves: [{ status: 'refused', at: '2025-03-14T02:00:00Z' }],
    });
    expect(refused).toMatchObject({ NgayTuChoi: '20250314090000', NgayKetThucXuLy: '20250314090000' });
  });

  it('reports a payment the gateway settled as paid online on the national platform (DuocThanhToanTrucTuyen 1) [766 3.6]', () => {
    expect(toNationalDossier(aDossier(), { paidThroughGateway: true }).DuocThanhToanTrucTuyen).toBe('1');
    expect(toNationalDossier(aDossier({ paidOnline: 'province' })).DuocThanhToanTrucTuyen).toBe('2');
    expect(toNationalDossier(aDossier()).DuocThanhToanTrucTuyen).toBe('0');
  });

  it('reports a dossier not digitised only when no document is [TH HoSoCoThanhPhanSoHoa]', () => {
    expect(toNationalDossier(aDossier()).HoSoCoThanhPhanSoHoa).toBe('0');
    const [document] = aDossier().documents ?? [];
    if (!document) throw new Error('fixture has a document');
    expect(
      toNationalDossier(aDossier({ documents: [{ ...document, digitised: true, reuse: 2 }] })),
    ).toMatchObject({
      HoSoCoThanhPhanSoHoa: '1',
      TaiLieuNop: [expect.objectContaining({ DuocSoHoa: '1', DuocTaiSuDung: '2' })],
    });
  });
});

describe('translation to the national progress row', () => {
  it('sends every key, "" for what is unknown [TH QuaTrinhXuLyDongBoDVC, OCPS createSyncDossierStatusBodyRequest]', () => {
    const row = toNationalProgressRow('000.00.12.H12-250314-0007', {
      eventId: 'e1',
      status: 'processing',
      at: '2025-03-14T01:30:00Z',
      handledBy: { name: 'Trần Thị Bình' },
    });
    expect(row).toEqual({
      MaHoSo: '000.00.12.H12-250314-0007',
      NguoiXuLy: 'Trần Thị Bình',
      ChucDanh: '',
      ThoiDiemXuLy: '20250314083000',
      PhongBanXuLy: '',
      NoiDungXuLy: '',
      TrangThai: '4',
      NgayBatDau: '',
      NgayKetThucTheoQuyDinh: '',
    });
  });

  it('cuts NguoiXuLy to 50 characters [TH]', () => {
    const change = aStatusChange('e2', 'processing', 1);
    const row = toNationalProgressRow('000.00.12.H12-250314-0007', {
      ...change,
      handledBy: { name: 'Đ'.repeat(50) },
    });
    expect(row.NguoiXuLy).toHaveLength(50);
  });
});

describe('national time', () => {
  it('converts an instant to Vietnam wall-clock time across a day boundary', () => {
    expect(toNationalTimestamp('2025-12-31T20:15:00Z')).toBe('20260101031500');
  });

  it('writes the hour on a 24-hour clock, not [TH DvcPaymentService.cs]’s "yyyyMMddhhmmss" (12-hour, a defect)', () => {
    expect(toNationalTimestamp('2025-03-14T08:15:00Z')).toBe('20250314151500');
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
