import * as z from 'zod';
import { nationalTimestampSchema } from './codes';

/**
 * Wire format of the national payment platform (PayGov), protocol version 1.0.6 (DOMAIN.md,
 * "National payment platform"). Field names stay exactly as the platform spells them; every
 * scalar is a string. Marks as in DOMAIN.md: what is not listed there is [inferred] and kept as
 * data here (field lists, codes, paths) so it is corrected in one place once the platform's
 * specification is at hand.
 */

export const PAYMENT_PROTOCOL_VERSION = '1.0.6';

const amountString = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'SoTien: số nguyên VND dạng chuỗi / integer VND as a string');
const checksumString = z.string().regex(/^[0-9a-fA-F]{64}$/, 'MaXacThuc: 64 hex digits (SHA-256)');

/** Our unique reference of one payment attempt (MaThamChieu). */
export const paymentReferenceSchema = z
  .string()
  .regex(/^[A-Z0-9]{8,40}$/, 'MaThamChieu: 8 to 40 upper-case letters or digits')
  .meta({
    description: 'MaThamChieu: the gateway’s unique reference of the payment',
    example: 'LT0F8C2A9E4B7D4E1A9C3B5D7E9F1A2B3C',
  });

/**
 * The fields each MaXacThuc covers, in order; the partner secret is appended last and the
 * values are joined with `|` (DOMAIN.md). INIT, CALLBACK, QUERY and GET_BILL are [seen]; the
 * replies and the transaction list are [inferred].
 */
export const paymentChecksumFields = {
  INIT: [
    'LoaiBanTin',
    'PhienBan',
    'MaDoiTac',
    'MaThamChieu',
    'SoTien',
    'LoaiHinhThanhToan',
    'MaKenhThanhToan',
    'MaThietBi',
    'NgonNgu',
    'MaTienTe',
    'MaNganHang',
    'ThongTinGiaoDich',
    'ThoiGianGD',
    'Ip',
  ],
  CALLBACK: [
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
  ],
  CALLBACK_REPLY: ['MaLoi', 'MoTaLoi', 'MaDoiTac', 'ThoiGianGD'],
  QUERY: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'],
  QUERY_REPLY: ['MaDoiTac', 'MaThamChieu', 'TrangThaiGD', 'SoTien', 'MaGiaoDich', 'ThoiGianGD'],
  GET_BILL: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'],
  TRANSACTION_LIST: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'NgayGiaoDich', 'ThoiGianGD'],
} as const;

export type ChecksummedMessage = keyof typeof paymentChecksumFields;

/** The values a MaXacThuc covers, in order; an absent field counts as the empty string. */
export function checksumValues(message: ChecksummedMessage, fields: Readonly<Record<string, unknown>>) {
  return paymentChecksumFields[message].map((name) => {
    const value = fields[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** Codes in the replies of the platform [inferred]: error_code of INIT, QUERY, GET_BILL, DOISOAT. */
export const paymentPlatformErrorCodes = {
  ok: '0',
  invalidChecksum: '01',
  notFound: '02',
  duplicateReference: '03',
  invalidData: '04',
  rejected: '14',
} as const;

/** MaLoi of a callback: `00` is paid [seen]; any other code is a failed payment. */
export const CALLBACK_PAID_CODE = '00';

/** MaLoi of the gateway's reply to a callback [inferred]: what the platform learns from us. */
export const callbackReplyCodes = {
  received: '00',
  invalidChecksum: '01',
  unknownTransaction: '02',
  amountMismatch: '03',
  invalidMessage: '04',
  /** We could not store it: the platform should send the callback again. */
  retryLater: '99',
} as const;

/** TrangThaiGD of QUERY and of the transaction list [seen]. */
export const platformTransactionStates = { paid: '1', pending: '3', failed: '4' } as const;
export const platformTransactionStateSchema = z.enum(['1', '3', '4']);

const feeItemSchema = z.object({
  LoaiPhiLePhi: z.string(),
  MaPhiLePhi: z.string().min(1),
  TenPhiLePhi: z.string().min(1),
  SoTien: amountString,
});

/** ThongTinBienLai of INIT: what the e-receipt (biên lai điện tử) will say. */
export const receiptInfoSchema = z.object({
  MaDichVu: z.string().min(1),
  MaDVC: z.string().optional(),
  TenDVC: z.string().optional(),
  MaTTHC: z.string().optional(),
  TenTTHC: z.string().optional(),
  MaDonVi: z.string().min(1),
  TenDonVi: z.string().optional(),
  MaHoSo: z.string().min(1),
  TKThuHuong: z.string().optional(),
  MaNHThuHuong: z.string().optional(),
  TenTKThuHuong: z.string().optional(),
  NoiDungThanhToan: z.string().min(1).max(500),
  HoTenNguoiNop: z.string().min(1),
  SoCMNDNguoiNop: z.string().optional(),
  DiaChiNguoiNop: z.string().optional(),
  PhiLePhi: z.array(feeItemSchema).min(1),
  DSKhoanNop: z.array(z.object({ NoiDung: z.string().min(1), SoTien: amountString })).min(1),
});

export const paymentInitRequestSchema = z.object({
  LoaiBanTin: z.literal('INIT'),
  PhienBan: z.string().min(1),
  MaDoiTac: z.string().min(1).max(50),
  MaThamChieu: paymentReferenceSchema,
  SoTien: amountString,
  LoaiHinhThanhToan: z.literal('PAY'),
  MaKenhThanhToan: z.string(),
  MaThietBi: z.string(),
  NgonNgu: z.enum(['vi-VN', 'en-US']),
  MaTienTe: z.literal('VND'),
  /** `PAYMENT`: the payer chooses the bank on the platform's page. */
  MaNganHang: z.string().min(1),
  ThongTinGiaoDich: z.string().min(1).max(500),
  ThoiGianGD: nationalTimestampSchema,
  Ip: z.string(),
  MaXacThuc: checksumString,
  /** Where the platform sends the payer back after paying [inferred]; not part of MaXacThuc. */
  UrlTraVe: z.string().optional(),
  ThongTinBienLai: receiptInfoSchema,
});

export type PaymentInitRequest = z.infer<typeof paymentInitRequestSchema>;

/**
 * INIT reply: `message` holds UrlThanhToan. Seen both as an object and as a JSON string, so
 * both are read.
 */
export const paymentInitReplySchema = z.object({
  error_code: z.union([z.string(), z.number()]).transform(String),
  message: z.union([z.string(), z.object({ UrlThanhToan: z.string().optional() }).loose()]).optional(),
});

/** The platform's callback (IPN) to the gateway. Loose on purpose: the checksum is checked first. */
export const paymentCallbackSchema = z.object({
  LoaiBanTin: z.string().min(1),
  MaLoi: z.string().min(1).max(10),
  MaDoiTac: z.string().min(1).max(50),
  MaThamChieu: z.string().min(1).max(100),
  SoTien: z.string().regex(/^\d{1,16}$/),
  MaTienTe: z.string().max(10),
  MaGiaoDich: z.string().max(100),
  MaNganHang: z.string().max(50),
  ThoiGianGD: nationalTimestampSchema,
  ThongTinGiaoDich: z.string().max(1000),
  MaXacThuc: z.string().max(128),
});

export type PaymentCallback = z.infer<typeof paymentCallbackSchema>;

export const paymentCallbackReplySchema = z.object({
  MaLoi: z.string(),
  MoTaLoi: z.string(),
  MaDoiTac: z.string(),
  ThoiGianGD: nationalTimestampSchema,
  MaXacThuc: checksumString,
});

export type PaymentCallbackReply = z.infer<typeof paymentCallbackReplySchema>;

export const paymentQueryRequestSchema = z.object({
  LoaiBanTin: z.literal('QUERY'),
  PhienBan: z.string().min(1),
  MaDoiTac: z.string().min(1),
  MaThamChieu: z.string().min(1),
  ThoiGianGD: nationalTimestampSchema,
  MaXacThuc: checksumString,
});

export const paymentQueryReplySchema = z.object({
  error_code: z.union([z.string(), z.number()]).transform(String),
  message: z.string().optional(),
  MaDoiTac: z.string().optional(),
  MaThamChieu: z.string().optional(),
  TrangThaiGD: platformTransactionStateSchema.optional(),
  SoTien: z
    .string()
    .regex(/^\d{1,16}$/)
    .optional(),
  MaGiaoDich: z.string().optional(),
  MaNganHang: z.string().optional(),
  ThoiGianGD: nationalTimestampSchema.optional(),
  MaXacThuc: z.string().optional(),
});

export const paymentBillRequestSchema = paymentQueryRequestSchema.extend({
  LoaiBanTin: z.literal('GET_BILL'),
});

/**
 * The daily transaction list (file đối soát). The platform's own files are not public
 * (DOMAIN.md), so this is the gateway's contract [inferred], served by the simulator and read
 * by an adapter (functions/adapters/paygov-transaction-list.ts), so a real format replaces the
 * parser only. Request: DOISOAT with the Vietnam calendar day. Reply: text/plain, one record a
 * line, fields separated by `|`:
 *
 *   H|<PhienBan>|<MaDoiTac>|<NgayGiaoDich yyyyMMdd>
 *   D|<MaThamChieu>|<MaGiaoDich>|<SoTien>|<MaTienTe>|<TrangThaiGD>|<ThoiGianGD>|<MaNganHang>
 *   T|<number of D records>|<sum of SoTien of D records>|<MaXacThuc>
 *
 * The trailer's MaXacThuc is the SHA-256 of every line before it plus `T|<count>|<sum>`,
 * joined with `\n`, with `|` and the partner secret appended: a truncated or altered file is
 * refused, not half-read. The day is the day of the INIT (the platform's ThoiGianGD of creation).
 */
export const transactionListRequestSchema = z.object({
  LoaiBanTin: z.literal('DOISOAT'),
  PhienBan: z.string().min(1),
  MaDoiTac: z.string().min(1),
  NgayGiaoDich: z.string().regex(/^\d{8}$/),
  ThoiGianGD: nationalTimestampSchema,
  MaXacThuc: checksumString,
});

export const platformTransactionSchema = z.object({
  MaThamChieu: z.string().min(1),
  MaGiaoDich: z.string(),
  SoTien: z.string().regex(/^\d{1,16}$/),
  MaTienTe: z.string(),
  TrangThaiGD: platformTransactionStateSchema,
  ThoiGianGD: nationalTimestampSchema,
  MaNganHang: z.string(),
});

export type PlatformTransaction = z.infer<typeof platformTransactionSchema>;

/** Paths relative to the platform's base URL [inferred]; each is configurable. */
export const paymentPlatformDefaultPaths = {
  init: 'paygov/init',
  query: 'paygov/query',
  getBill: 'paygov/get-bill',
  transactionList: 'paygov/doi-soat',
} as const;

export type PaymentPlatformPaths = {
  readonly [operation in keyof typeof paymentPlatformDefaultPaths]: string;
};
