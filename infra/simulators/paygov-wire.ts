import { createHash } from 'node:crypto';
import * as z from 'zod';

/**
 * The national payment platform's protocol 1.0.6 as this conformance kit reads the evidence,
 * written apart from the gateway's contracts and functions on purpose (an independent reading
 * is what lets the kit catch the gateway's mistakes). Source: [TH]
 * HuanVu201/DichVuCong_KhoaLuan_PASETO, DvcPaymentService.cs (InitPayment, CheckPaymentStatus,
 * GetBienLaiDvcPayment, CreateMaXacThuc), InitDvcPaymentRequest.cs, ConfirmDvcPaymentCommand.cs
 * and its handler, CheckConfirmGiaoDichThanhToanHandler.cs. What [TH] does not show (the
 * refusal codes, the daily transaction list) is this kit's own [inferred] definition.
 */

export const PROTOCOL_VERSION = '1.0.6';

/** Fields each MaXacThuc covers, in order, exactly as [TH] joins them. */
export const signedFields = {
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
  /** QUERY and GET_BILL: LoaiBanTin|PhienBan|MaDoiTac|MaThamChieu|ThoiGianGD [TH comment in GetBienLaiDvcPayment]. */
  REFERENCE: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'],
  /** The kit's own daily list request [inferred]. */
  DOISOAT: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'NgayGiaoDich', 'ThoiGianGD'],
} as const;

/** [TH CreateMaXacThuc]: SHA-256 of the UTF-8 text, lowercase hex ("x2"). */
export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** MaXacThuc: the listed values joined with "|", the partner secret last [TH InitPayment]. */
export function maXacThuc(
  fields: readonly string[],
  message: Record<string, unknown>,
  secret: string,
): string {
  return sha256Hex([...fields.map((name) => String(message[name] ?? '')), secret].join('|'));
}

/** Refusal codes of this kit [inferred]: error_code of INIT, GET_BILL and DOISOAT; MaLoi of QUERY. */
export const refusals = {
  checksum: '01',
  notFound: '02',
  duplicate: '03',
  invalid: '04',
  declined: '14',
} as const;

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** yyyyMMddHHmmss on the wall clock of Hà Nội. */
export function vietnamStamp(at: Date): string {
  const wall = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return wall.slice(0, 19).replace(/[-T:]/g, '');
}

/** dd/MM/yyyy HH:mm:ss of a stamp, for receipts. */
export const readableStamp = (stamp: string) =>
  `${stamp.slice(6, 8)}/${stamp.slice(4, 6)}/${stamp.slice(0, 4)} ${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}`;

/** 1.250.000 ₫ */
export const vnd = (amount: number) => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;

const stampSchema = z.string().regex(/^\d{14}$/);
const digitString = z.string().regex(/^[1-9]\d{0,15}$/);

/** ThongTinBienLai: each key [TH ThongTinBienLaiDvcPayment sends string.Empty for the unknown]. */
const receiptSchema = z.object({
  MaDichVu: z.string().min(1),
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
  NoiDungThanhToan: z.string().min(1),
  HoTenNguoiNop: z.string().min(1),
  SoCMNDNguoiNop: z.string().min(1),
  DiaChiNguoiNop: z.string(),
  PhiLePhi: z
    .array(
      z.object({
        LoaiPhiLePhi: z.string(),
        MaPhiLePhi: z.string(),
        TenPhiLePhi: z.string(),
        SoTien: digitString,
      }),
    )
    .min(1),
  DSKhoanNop: z.array(z.object({ NoiDung: z.string(), SoTien: digitString })).min(1),
});

/** INIT [TH InitDvcPaymentRequest]: every scalar a string. */
export const initSchema = z.object({
  LoaiBanTin: z.literal('INIT'),
  PhienBan: z.literal(PROTOCOL_VERSION),
  MaDoiTac: z.string().min(1),
  MaThamChieu: z.string().min(1).max(255),
  SoTien: digitString,
  LoaiHinhThanhToan: z.literal('PAY'),
  MaKenhThanhToan: z.string().min(1),
  MaThietBi: z.string().min(1),
  NgonNgu: z.string().min(1),
  MaTienTe: z.literal('VND'),
  MaNganHang: z.string().min(1),
  ThongTinGiaoDich: z.string().min(1),
  ThoiGianGD: stampSchema,
  Ip: z.string(),
  MaXacThuc: z.string(),
  /** Where the payer goes back to; this kit's own extension, outside MaXacThuc. */
  UrlTraVe: z.string().optional(),
  ThongTinBienLai: receiptSchema,
});

export type InitMessage = z.infer<typeof initSchema>;

/** QUERY and GET_BILL [TH CheckPaymentStatusRequest, BienLaiDvcPaymentRequest]. */
export const referenceSchema = (kind: 'QUERY' | 'GET_BILL') =>
  z.object({
    LoaiBanTin: z.literal(kind),
    PhienBan: z.literal(PROTOCOL_VERSION),
    MaDoiTac: z.string().min(1),
    MaThamChieu: z.string().min(1),
    ThoiGianGD: stampSchema,
    MaXacThuc: z.string(),
  });

export const doiSoatSchema = z.object({
  LoaiBanTin: z.literal('DOISOAT'),
  PhienBan: z.literal(PROTOCOL_VERSION),
  MaDoiTac: z.string().min(1),
  NgayGiaoDich: z.string().regex(/^\d{8}$/),
  ThoiGianGD: stampSchema,
  MaXacThuc: z.string(),
});

export interface ListedTransaction {
  readonly reference: string;
  readonly transactionId: string;
  readonly amount: number;
  /** TrangThaiGD: 1 paid, 3 pending, 4 failed [TH CheckConfirmGiaoDichThanhToanHandler]. */
  readonly state: '1' | '3' | '4';
  readonly at: string;
  readonly bank: string;
}

/**
 * The kit's daily transaction list [inferred], text, one record a line, `|`-separated:
 * `H|<PhienBan>|<MaDoiTac>|<yyyyMMdd>`, `D|<MaThamChieu>|<MaGiaoDich>|<SoTien>|VND|<TrangThaiGD>|
 * <ThoiGianGD>|<MaNganHang>` per transaction, `T|<count>|<sum>|<checksum>`, where the checksum is
 * the SHA-256 of every line before the trailer and `T|<count>|<sum>`, joined with newlines, then
 * "|" and the partner secret.
 */
export function transactionListText(
  transactions: readonly ListedTransaction[],
  header: { readonly partnerCode: string; readonly day: string; readonly secret: string },
): string {
  const lines = [
    `H|${PROTOCOL_VERSION}|${header.partnerCode}|${header.day}`,
    ...transactions.map(
      (t) => `D|${t.reference}|${t.transactionId}|${t.amount}|VND|${t.state}|${t.at}|${t.bank}`,
    ),
  ];
  const sum = transactions.reduce((total, t) => total + t.amount, 0);
  const closing = `T|${transactions.length}|${sum}`;
  return `${[...lines, `${closing}|${sha256Hex(`${[...lines, closing].join('\n')}|${header.secret}`)}`].join('\n')}\n`;
}
