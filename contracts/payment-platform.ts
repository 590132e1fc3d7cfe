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
 * values are joined with `|` (DOMAIN.md). INIT, CALLBACK, QUERY and GET_BILL are exactly
 * [TH]'s (HuanVu201/DichVuCong_KhoaLuan_PASETO DvcPaymentService.cs InitPayment,
 * CheckPaymentStatus, GetBienLaiDvcPayment; ConfirmDvcPaymentCommandHandler.cs); the
 * transaction list is the gateway's own contract [inferred]. Replies carry no checksum the
 * gateway computes or checks: [TH] checks none on QUERY and echoes the callback's own.
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
  QUERY: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'],
  GET_BILL: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'],
  TRANSACTION_LIST: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'NgayGiaoDich', 'ThoiGianGD'],
} as const;

export type ChecksummedMessage = keyof typeof paymentChecksumFields;

/**
 * The separator MaXacThuc joins values with. A value holding it would let one message's
 * checksum verify for another whose values split the same joined text differently (issue 17:
 * an INIT's checksum replayed as a "paid" callback), so no checksummed value may contain it:
 * the gateway refuses such input at its edges and computePaymentChecksum refuses to sign it.
 */
export const CHECKSUM_SEPARATOR = '|';

export const separatorFree = (value: string) => !value.includes(CHECKSUM_SEPARATOR);
export const SEPARATOR_MESSAGE = `Không được chứa ký tự "${CHECKSUM_SEPARATOR}" / Must not contain "${CHECKSUM_SEPARATOR}" (the checksum separator)`;

/** The values a MaXacThuc covers, in order; an absent field counts as the empty string. */
export function checksumValues(message: ChecksummedMessage, fields: Readonly<Record<string, unknown>>) {
  return paymentChecksumFields[message].map((name) => {
    const value = fields[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** Codes in the replies of the platform [inferred]: error_code of INIT, GET_BILL, DOISOAT. */
export const paymentPlatformErrorCodes = {
  ok: '0',
  invalidChecksum: '01',
  notFound: '02',
  duplicateReference: '03',
  invalidData: '04',
  rejected: '14',
} as const;

/** MaLoi of a callback: `00` is paid [TH MA_LOI.THANH_CONG]; any other code is a failed payment. */
export const CALLBACK_PAID_CODE = '00';

/**
 * LoaiBanTin of the platform's callback. Only this message type settles a payment: a message of
 * another type (an INIT, a QUERY) can never be taken for a callback, whatever its checksum.
 * The value is [inferred] ([TH] does not check it), so it is data, here.
 */
export const CALLBACK_MESSAGE_TYPE = 'CALLBACK';

/** MaLoi of a QUERY reply that means "answered"; TrangThaiGD then holds the state [TH CheckConfirmGiaoDichThanhToanHandler]. */
export const QUERY_ANSWERED_CODE = '00';

/** MaLoi of a QUERY reply for a reference the platform does not know [inferred]. */
export const QUERY_NOT_FOUND_CODES: readonly string[] = ['02'];

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

/** TrangThaiGD of QUERY and of the transaction list: 1 paid, 3 pending, 4 failed [TH]. */
export const platformTransactionStates = { paid: '1', pending: '3', failed: '4' } as const;
export const platformTransactionStateSchema = z.enum(['1', '3', '4']);

const feeItemSchema = z.object({
  LoaiPhiLePhi: z.string(),
  MaPhiLePhi: z.string().min(1),
  TenPhiLePhi: z.string().min(1),
  SoTien: amountString,
});

/** ThongTinBienLai of INIT: what the e-receipt (biên lai điện tử) says; every key is sent [TH]. */
export const receiptInfoSchema = z.object({
  /** `2` [TH ThongTinBienLaiDvcPayment]. */
  MaDichVu: z.string().min(1),
  /** `<MaTTHC>.01` by default [TH InitPayment]. */
  MaDVC: z.string(),
  TenDVC: z.string(),
  MaTTHC: z.string(),
  TenTTHC: z.string(),
  MaDonVi: z.string().min(1),
  TenDonVi: z.string(),
  MaHoSo: z.string().min(1),
  TKThuHuong: z.string(),
  MaNHThuHuong: z.string(),
  TenTKThuHuong: z.string(),
  NoiDungThanhToan: z.string().min(1).max(500),
  HoTenNguoiNop: z.string().min(1),
  /** `000000000` when unknown [TH]. */
  SoCMNDNguoiNop: z.string().min(1),
  DiaChiNguoiNop: z.string(),
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

/** A checksummed value the platform sends: it may not carry the separator (see CHECKSUM_SEPARATOR). */
const signedText = (max: number, min = 0) =>
  z.string().min(min).max(max).refine(separatorFree, SEPARATOR_MESSAGE);

/**
 * The platform's callback (IPN) to the gateway [TH ConfirmDvcPaymentCommand]. Only a
 * CALLBACK_MESSAGE_TYPE message is one; SoTien comes as a number ([TH] reads an int) or a
 * string and is read as the decimal string the checksum covers.
 */
export const paymentCallbackSchema = z.object({
  LoaiBanTin: z.literal(CALLBACK_MESSAGE_TYPE),
  MaLoi: signedText(10, 1),
  MaDoiTac: signedText(50, 1),
  MaThamChieu: signedText(100, 1),
  SoTien: z
    .union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,16}$/)])
    .transform(String),
  MaTienTe: signedText(10),
  MaGiaoDich: signedText(100),
  MaNganHang: signedText(50),
  ThoiGianGD: nationalTimestampSchema,
  ThongTinGiaoDich: signedText(1000),
  MaXacThuc: z.string().max(128),
});

export type PaymentCallback = z.output<typeof paymentCallbackSchema>;

/**
 * The gateway's answer to a callback: its own MaLoi [inferred], and, as [TH]
 * ConfirmDvcPaymentCommandHandler does, the request's ThoiGianGD and MaXacThuc echoed. The
 * gateway signs nothing here: a reply signed over values a caller chose would be an oracle.
 */
export const paymentCallbackReplySchema = z.object({
  MaLoi: z.string(),
  MoTaLoi: z.string(),
  MaDoiTac: z.string(),
  ThoiGianGD: z.string(),
  MaXacThuc: z.string(),
});

export type PaymentCallbackReply = z.infer<typeof paymentCallbackReplySchema>;

/**
 * QUERY reply [TH ConfirmDvcPaymentResponse, CheckConfirmGiaoDichThanhToanHandler]:
 * `{MaLoi, MoTaLoi, TrangThaiGD, ...}` with no error_code and no checksum the client checks.
 * MaLoi `00` means answered, TrangThaiGD then says 1 paid, 3 pending, 4 failed.
 */
export const paymentQueryReplySchema = z.object({
  MaLoi: z.union([z.string(), z.number()]).transform(String),
  MoTaLoi: z.string().nullish(),
  MaDoiTac: z.string().nullish(),
  MaThamChieu: z.string().nullish(),
  TrangThaiGD: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(platformTransactionStateSchema)
    .nullish(),
  SoTien: z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,16}$/)])
    .transform(Number)
    .nullish(),
  MaGiaoDich: z.string().nullish(),
  MaNganHang: z.string().nullish(),
  ThoiGianGD: z.union([nationalTimestampSchema, z.literal('')]).nullish(),
});

/** A refusal the platform answers INIT, GET_BILL or DOISOAT with [inferred]. */
export const paymentErrorReplySchema = z.object({
  error_code: z.union([z.string(), z.number()]).transform(String),
  message: z.string().optional(),
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
