import { createHash } from 'node:crypto';

/**
 * PayGov's signed messages written out by hand, once for every test, from [TH]
 * (HuanVu201/DichVuCong_KhoaLuan_PASETO DvcPaymentService.cs, ConfirmDvcPaymentCommandHandler.cs),
 * apart from the kit and the gateway: tests sign and check with these, never with the production
 * field lists, so a wrong list in contracts/payment-platform.ts or the simulator fails them.
 */

/** MaXacThuc: the lowercase hex SHA-256 of the values joined with "|", the secret last. */
export const paygovChecksum = (parts: readonly (string | number)[]) =>
  createHash('sha256').update(parts.join('|'), 'utf8').digest('hex');

/** What differs from one INIT to the next; the rest is the demo partner's constant. */
interface InitVarying {
  readonly MaThamChieu: string;
  readonly SoTien: string;
  readonly ThongTinGiaoDich: string;
  readonly ThoiGianGD: string;
}

/** An INIT's signed fields, in the order [TH DvcPaymentService] joins them. */
export const initSignedFields = ({ MaThamChieu, SoTien, ThongTinGiaoDich, ThoiGianGD }: InitVarying) => ({
  LoaiBanTin: 'INIT',
  PhienBan: '1.0.6',
  MaDoiTac: 'DEMO',
  MaThamChieu,
  SoTien,
  LoaiHinhThanhToan: 'PAY',
  MaKenhThanhToan: '1',
  MaThietBi: '1',
  NgonNgu: 'vi-VN',
  MaTienTe: 'VND',
  MaNganHang: 'PAYMENT',
  ThongTinGiaoDich,
  ThoiGianGD,
  Ip: '127.0.0.1',
});

/** A callback's signed fields, in the order [TH ConfirmDvcPaymentCommandHandler] joins them. */
export const callbackSignedFields = [
  'LoaiBanTin',
  'MaLoi',
  'MaDoiTac',
  'MaThamChieu',
  'SoTien',
  'MaTienTe',
  'MaGiaoDich',
  'MaNganHang',
  'ThoiGianGD',
  'ThongTinGiaoDich',
] as const;
