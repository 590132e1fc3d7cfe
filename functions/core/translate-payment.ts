import { type DossierStatus, nationalStatusCode } from '../../contracts/dossier-status';
import type { NationalProgressRow } from '../../contracts/national-portal';
import {
  CHECKSUM_SEPARATOR,
  PAYMENT_PROTOCOL_VERSION,
  type PaymentInitRequest,
} from '../../contracts/payment-platform';
import type { PaymentEventData } from '../../contracts/webhooks';
import { toNationalTimestamp } from './national-time';
import type { Payment } from './payment';
import { formatVnd } from './vietnam-time';

/** What the gateway tells the platform about itself in every INIT (configuration, not data). */
export interface PaymentPartnerProfile {
  /** MaDoiTac. */
  readonly partnerCode: string;
  /** MaDichVu of ThongTinBienLai: `2` [TH ThongTinBienLaiDvcPayment]. */
  readonly serviceCode: string;
  /** MaKenhThanhToan: `1` [TH InitDvcPaymentRequest]. */
  readonly channelCode: string;
  /** MaThietBi: `1` [TH InitDvcPaymentRequest]. */
  readonly deviceCode: string;
  /** Ip: the caller address the platform records; the gateway's public address. */
  readonly ip: string;
}

/** Fee and charge lines are one kind (lệ phí) until provinces send the distinction. */
const FEE_KIND = '1';
/** SoCMNDNguoiNop when the payer's number is unknown [TH InitPayment]. */
const UNKNOWN_PAYER_ID = '000000000';
/** MaDVC when nothing better is known: the procedure's first online service [TH InitPayment]. */
const onlineServiceOf = (procedureCode: string) => `${procedureCode}.01`;

/**
 * ThoiGianGD of a payment's INIT, and of every QUERY and GET_BILL about it (DOMAIN.md: the
 * original INIT's, not the time of asking [TH CheckConfirmGiaoDichThanhToanHandler]). It is
 * the payment's creation, so a resumed INIT repeats the same bytes and any later question
 * names the same moment, whatever process asks.
 */
export function initTimestampOf(payment: Pick<Payment, 'createdAt'>): string {
  return toNationalTimestamp(payment.createdAt);
}

/**
 * How late after `initiatingSince` an INIT sent before the wire change (ccee39b) may be stamped:
 * that code used the clock of the INIT call, made right after `initiatingSince` was stored (on
 * creation, or when a stalled INIT was resumed).
 */
const LEGACY_INIT_LAG_SECONDS = 1;

/**
 * The ThoiGianGD a QUERY or GET_BILL names, in the order to try: the INIT's own
 * (initTimestampOf), then the seconds an INIT sent before the wire change may have named, so
 * that a payment in flight during the upgrade is still found (issue 16 item 7). A later one is
 * asked only when the platform did not recognise the earlier, so a payment initiated since the
 * change costs one question, or two for a reference the platform does not know.
 */
export function initTimestampCandidates(
  payment: Pick<Payment, 'createdAt'> & Partial<Pick<Payment, 'initiatingSince'>>,
): readonly [string, ...string[]] {
  const stamps: [string, ...string[]] = [initTimestampOf(payment)];
  if (payment.initiatingSince !== undefined) {
    const since = Date.parse(payment.initiatingSince);
    for (let lag = 0; lag <= LEGACY_INIT_LAG_SECONDS; lag += 1) {
      stamps.push(toNationalTimestamp(new Date(since + lag * 1000)));
    }
  }
  const [first, ...later] = stamps;
  return [first, ...new Set(later.filter((stamp) => stamp !== first))];
}

/**
 * ThongTinGiaoDich is covered by MaXacThuc, so it may not hold the separator. The provincial
 * API refuses a description with one; a payment stored before that rule is mended here.
 */
const withoutSeparator = (text: string) => text.split(CHECKSUM_SEPARATOR).join('/');

/** A payment -> INIT without its MaXacThuc (the adapter signs it); every receipt key is sent [TH]. */
export function toPaymentInitRequest(
  payment: Payment,
  profile: PaymentPartnerProfile,
): Omit<PaymentInitRequest, 'MaXacThuc'> {
  const purpose = withoutSeparator(
    payment.description ?? `Thanh toán phí, lệ phí hồ sơ ${payment.dossierCode}`,
  ).slice(0, 500);
  const { payer, beneficiary } = payment;
  const procedureName = payment.procedureName ?? '';
  return {
    LoaiBanTin: 'INIT',
    PhienBan: PAYMENT_PROTOCOL_VERSION,
    MaDoiTac: profile.partnerCode,
    MaThamChieu: payment.reference,
    SoTien: String(payment.amount),
    LoaiHinhThanhToan: 'PAY',
    MaKenhThanhToan: profile.channelCode,
    MaThietBi: profile.deviceCode,
    NgonNgu: 'vi-VN',
    MaTienTe: 'VND',
    MaNganHang: 'PAYMENT',
    ThongTinGiaoDich: purpose,
    ThoiGianGD: initTimestampOf(payment),
    Ip: profile.ip,
    UrlTraVe: payment.returnUrl,
    ThongTinBienLai: {
      MaDichVu: profile.serviceCode,
      MaDVC: payment.procedureCode ? onlineServiceOf(payment.procedureCode) : '',
      TenDVC: procedureName,
      MaTTHC: payment.procedureCode ?? '',
      TenTTHC: procedureName,
      MaDonVi: payment.agencyCode,
      TenDonVi: payment.agencyName ?? '',
      MaHoSo: payment.dossierCode,
      TKThuHuong: beneficiary?.accountNumber ?? '',
      MaNHThuHuong: beneficiary?.bankCode ?? '',
      TenTKThuHuong: beneficiary?.accountName ?? '',
      NoiDungThanhToan: purpose,
      HoTenNguoiNop: payer.name,
      SoCMNDNguoiNop: payer.idNumber ?? UNKNOWN_PAYER_ID,
      DiaChiNguoiNop: payer.address ?? '',
      PhiLePhi: payment.lines.map((line) => ({
        LoaiPhiLePhi: FEE_KIND,
        MaPhiLePhi: line.code,
        TenPhiLePhi: line.name,
        SoTien: String(line.amount),
      })),
      DSKhoanNop: payment.lines.map((line) => ({ NoiDung: line.name, SoTien: String(line.amount) })),
    },
  };
}

/**
 * The outcome of a settled payment as the province and the portal learn it. Built only from
 * the stored payment, so building it again after a crash gives the same bytes, and the relay's
 * natural key recognises it as the same message.
 */
export function toPaymentEventData(payment: Payment): PaymentEventData {
  if (payment.state !== 'paid' && payment.state !== 'failed' && payment.state !== 'expired') {
    throw new RangeError(`payment ${payment.paymentId} is ${payment.state}, not settled`);
  }
  return {
    paymentId: payment.paymentId,
    dossierCode: payment.dossierCode,
    reference: payment.reference,
    amount: payment.amount,
    state: payment.state,
    lines: payment.lines.map((line) => ({ ...line })),
    ...(payment.state === 'paid' && payment.platformTransactionId
      ? { platformTransactionId: payment.platformTransactionId }
      : {}),
    ...(payment.state === 'paid' && payment.bankCode ? { bankCode: payment.bankCode } : {}),
    ...(payment.state === 'failed' && payment.failureCode ? { failureCode: payment.failureCode } : {}),
    at: payment.settledAt ?? payment.createdAt,
  };
}

/** Who the portal shows as having handled the step (NguoiXuLy, at most 50 characters). */
const PAYMENT_HANDLER = 'Nền tảng thanh toán trực tuyến';

/**
 * A payment outcome -> one CapNhatTienDoHoSoMC progress row. The dossier's status does not
 * change by itself when fees are paid (the desk moves it on), so the row repeats the status
 * the portal has and tells the outcome in NoiDungXuLy.
 */
export function toPaymentProgressRow(
  event: PaymentEventData,
  dossierStatus: DossierStatus,
): NationalProgressRow {
  const amount = formatVnd(event.amount);
  const content =
    event.state === 'paid'
      ? `Đã thanh toán trực tuyến ${amount} (mã tham chiếu ${event.reference}${event.platformTransactionId ? `, mã giao dịch ${event.platformTransactionId}` : ''})`
      : event.state === 'failed'
        ? `Thanh toán trực tuyến ${amount} không thành công (mã tham chiếu ${event.reference}${event.failureCode ? `, mã lỗi ${event.failureCode}` : ''})`
        : `Giao dịch thanh toán ${amount} đã hết hạn (mã tham chiếu ${event.reference})`;
  return {
    MaHoSo: event.dossierCode,
    NguoiXuLy: PAYMENT_HANDLER,
    ChucDanh: '',
    ThoiDiemXuLy: toNationalTimestamp(event.at),
    PhongBanXuLy: '',
    NoiDungXuLy: content,
    TrangThai: String(nationalStatusCode(dossierStatus)) as NationalProgressRow['TrangThai'],
    NgayBatDau: '',
    NgayKetThucTheoQuyDinh: '',
  };
}
