import type { Context, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import {
  CALLBACK_PAID_CODE,
  type ChecksummedMessage,
  checksumValues,
  type PaymentCallback,
  type PaymentInitRequest,
  paymentBillRequestSchema,
  paymentCallbackReplySchema,
  paymentInitRequestSchema,
  paymentPlatformDefaultPaths,
  paymentPlatformErrorCodes,
  paymentQueryRequestSchema,
  platformTransactionStates,
  transactionListRequestSchema,
} from '../../contracts/payment-platform';
import { formatTransactionList } from '../../functions/adapters/paygov-transaction-list';
import { fromNationalTimestamp, toNationalTimestamp } from '../../functions/core/national-time';
import { computePaymentChecksum, verifyPaymentChecksum } from '../../functions/core/payment-checksum';
import { formatVnd } from '../../functions/core/vietnam-time';
import { receiptPdf } from './receipt-pdf';
import { createSimulatorKit, type SimulatorEnv } from './simulator-kit';

/**
 * Faults of the callback path, on top of the shared kit's faults (which act on the platform's
 * own routes: down, latency, failRate, reject = INIT refused). POST /_sim/payment-faults.
 */
export const callbackFaultsSchema = z.strictObject({
  /** The payment is settled on the platform, but no callback is sent (a missed callback). */
  dropCallback: z.boolean().optional(),
  /** Each callback is sent this many times at once. */
  duplicateCallbacks: z.number().int().min(1).max(50).optional(),
  callbackDelayMs: z.number().int().min(0).max(60_000).optional(),
  /** The callback's MaXacThuc is wrong. */
  wrongChecksum: z.boolean().optional(),
  /** The callback names another amount (correctly signed). */
  wrongAmount: z.boolean().optional(),
  /** QUERY answers TrangThaiGD 3 (pending) whatever happened. */
  stuckPending: z.boolean().optional(),
});

export type CallbackFaults = z.infer<typeof callbackFaultsSchema>;

export interface PaymentPlatformSimulatorOptions {
  readonly partnerCode: string;
  readonly secret: string;
  readonly apiToken: string;
  /** The gateway's /v1/callbacks/payment; known once the gateway listens. */
  readonly callbackUrl: () => string | undefined;
  readonly now?: () => Date;
  readonly random?: () => number;
}

interface SimulatedTransaction {
  readonly reference: string;
  readonly amount: number;
  readonly init: PaymentInitRequest;
  readonly createdAt: string;
  state: 'pending' | 'paid' | 'failed';
  transactionId?: string;
  settledAt?: string;
  lastCallback?: PaymentCallback;
}

export interface SentCallback {
  readonly at: string;
  readonly body: PaymentCallback;
  readonly status: number;
  readonly reply: unknown;
}

const payRequestSchema = z.strictObject({ outcome: z.enum(['paid', 'failed']) });
const CANCELLED_BY_PAYER = '24';
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A stand-in for the national payment platform (protocol 1.0.6, DOMAIN.md) with the demo
 * partner: INIT, QUERY, GET_BILL (a real PDF receipt), the daily transaction list, a page
 * where a person pays or cancels, and the callback to the gateway, with fault injection.
 * `/_sim/pay/{MaThamChieu}` settles a payment as a payer would; again for the same reference
 * it re-sends the same callback (a duplicate), with the other outcome a contradicting one.
 */
export function createPaymentPlatformSimulator(options: PaymentPlatformSimulatorOptions) {
  const now = options.now ?? (() => new Date());
  const transactions = new Map<string, SimulatedTransaction>();
  const callbacks: SentCallback[] = [];
  let callbackFaults: CallbackFaults = {};
  let transactionCounter = 0;
  const kit = createSimulatorKit({
    ...(options.random ? { random: options.random } : {}),
    onReset: () => {
      transactions.clear();
      callbacks.length = 0;
      callbackFaults = {};
    },
  });
  const { app } = kit;
  const sign = (message: ChecksummedMessage, fields: Record<string, unknown>) =>
    computePaymentChecksum(checksumValues(message, fields), options.secret);
  const route = (path: string) => `/${path}`;

  const requireToken: MiddlewareHandler<SimulatorEnv> = async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${options.apiToken}`) {
      return c.json({ error_code: '401', message: 'Token không hợp lệ' }, 401);
    }
    await next();
  };

  /** Parses and authenticates a signed request; the reply when it is refused. */
  async function readSigned<T extends z.ZodType>(
    c: Context<SimulatorEnv>,
    schema: T,
    message: ChecksummedMessage,
  ): Promise<{ data: z.infer<T> } | { refusal: Response }> {
    const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      return {
        refusal: c.json({
          error_code: paymentPlatformErrorCodes.invalidData,
          message: 'Dữ liệu không hợp lệ',
        }),
      };
    }
    const data = parsed.data as Record<string, unknown>;
    if (!verifyPaymentChecksum(checksumValues(message, data), String(data.MaXacThuc), [options.secret])) {
      return {
        refusal: c.json({
          error_code: paymentPlatformErrorCodes.invalidChecksum,
          message: 'Sai mã xác thực',
        }),
      };
    }
    if (data.MaDoiTac !== options.partnerCode) {
      return {
        refusal: c.json({ error_code: paymentPlatformErrorCodes.invalidData, message: 'Sai mã đối tác' }),
      };
    }
    return { data: parsed.data };
  }

  app.post(route(paymentPlatformDefaultPaths.init), kit.withFaults, requireToken, async (c) => {
    const read = await readSigned(c, paymentInitRequestSchema, 'INIT');
    if ('refusal' in read) return read.refusal;
    const init = read.data;
    if (kit.faults().reject) {
      return c.json({
        error_code: paymentPlatformErrorCodes.rejected,
        message: 'Giao dịch bị từ chối (simulated)',
      });
    }
    const lineTotal = init.ThongTinBienLai.PhiLePhi.reduce((sum, fee) => sum + Number(fee.SoTien), 0);
    if (lineTotal !== Number(init.SoTien)) {
      return c.json({
        error_code: paymentPlatformErrorCodes.invalidData,
        message: 'Tổng phí, lệ phí khác SoTien',
      });
    }
    const existing = transactions.get(init.MaThamChieu);
    if (existing && existing.amount !== Number(init.SoTien)) {
      return c.json({
        error_code: paymentPlatformErrorCodes.duplicateReference,
        message: 'Trùng mã tham chiếu',
      });
    }
    // A repeated INIT of the same reference is answered with the same URL: one reference, one payment.
    if (!existing) {
      transactions.set(init.MaThamChieu, {
        reference: init.MaThamChieu,
        amount: Number(init.SoTien),
        init,
        createdAt: init.ThoiGianGD,
        state: 'pending',
      });
    }
    kit.record(c, init);
    const origin = new URL(c.req.url).origin;
    return c.json({
      error_code: paymentPlatformErrorCodes.ok,
      message: { UrlThanhToan: `${origin}/pay/${encodeURIComponent(init.MaThamChieu)}` },
    });
  });

  app.post(route(paymentPlatformDefaultPaths.query), kit.withFaults, requireToken, async (c) => {
    const read = await readSigned(c, paymentQueryRequestSchema, 'QUERY');
    if ('refusal' in read) return read.refusal;
    kit.record(c, read.data);
    const transaction = transactions.get(read.data.MaThamChieu);
    if (!transaction) {
      return c.json({ error_code: paymentPlatformErrorCodes.notFound, message: 'Không tìm thấy giao dịch' });
    }
    const state = callbackFaults.stuckPending ? 'pending' : transaction.state;
    const fields = {
      MaDoiTac: options.partnerCode,
      MaThamChieu: transaction.reference,
      TrangThaiGD: platformTransactionStates[state],
      SoTien: String(transaction.amount),
      MaGiaoDich: state === 'pending' ? '' : (transaction.transactionId ?? ''),
      ThoiGianGD: state === 'pending' ? toNationalTimestamp(now()) : (transaction.settledAt ?? ''),
    };
    return c.json({
      error_code: paymentPlatformErrorCodes.ok,
      message: 'Thành công',
      ...fields,
      MaXacThuc: sign('QUERY_REPLY', fields),
    });
  });

  app.post(route(paymentPlatformDefaultPaths.getBill), kit.withFaults, requireToken, async (c) => {
    const read = await readSigned(c, paymentBillRequestSchema, 'GET_BILL');
    if ('refusal' in read) return read.refusal;
    const transaction = transactions.get(read.data.MaThamChieu);
    if (transaction?.state !== 'paid') {
      return c.json({ error_code: paymentPlatformErrorCodes.notFound, message: 'Không có biên lai' });
    }
    kit.record(c, read.data);
    const receipt = transaction.init.ThongTinBienLai;
    const pdf = receiptPdf('BIÊN LAI THU PHÍ, LỆ PHÍ (điện tử)', [
      `Mã tham chiếu: ${transaction.reference}`,
      `Mã giao dịch: ${transaction.transactionId ?? ''}`,
      `Thời gian: ${fromNationalTimestamp(transaction.settledAt ?? transaction.createdAt)}`,
      `Đơn vị thu: ${receipt.MaDonVi}`,
      `Mã hồ sơ: ${receipt.MaHoSo}`,
      `Người nộp: ${receipt.HoTenNguoiNop}`,
      `Nội dung: ${receipt.NoiDungThanhToan}`,
      ...receipt.PhiLePhi.map(
        (fee) => `  ${fee.MaPhiLePhi} ${fee.TenPhiLePhi}: ${formatVnd(Number(fee.SoTien))}`,
      ),
      `Tổng cộng: ${formatVnd(transaction.amount)}`,
    ]);
    return c.body(pdf.slice().buffer as ArrayBuffer, 200, { 'content-type': 'application/pdf' });
  });

  app.post(route(paymentPlatformDefaultPaths.transactionList), kit.withFaults, requireToken, async (c) => {
    const read = await readSigned(c, transactionListRequestSchema, 'TRANSACTION_LIST');
    if ('refusal' in read) return read.refusal;
    kit.record(c, read.data);
    const day = read.data.NgayGiaoDich;
    const rows = [...transactions.values()]
      .filter((transaction) => transaction.createdAt.startsWith(day))
      .map((transaction) => ({
        MaThamChieu: transaction.reference,
        MaGiaoDich: transaction.transactionId ?? '',
        SoTien: String(transaction.amount),
        MaTienTe: 'VND',
        TrangThaiGD: platformTransactionStates[transaction.state],
        ThoiGianGD: transaction.settledAt ?? transaction.createdAt,
        MaNganHang: transaction.state === 'paid' ? 'VCB' : '',
      }));
    const isoDay = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
    return c.body(
      formatTransactionList(rows, { partnerCode: options.partnerCode, day: isoDay, secret: options.secret }),
      200,
      {
        'content-type': 'text/plain; charset=utf-8',
      },
    );
  });

  /** Settles a transaction as the payer chose and builds its callback; a repeat gives the same one. */
  function settle(transaction: SimulatedTransaction, outcome: 'paid' | 'failed'): PaymentCallback {
    const previous = transaction.lastCallback;
    const previousOutcome = previous
      ? previous.MaLoi === CALLBACK_PAID_CODE
        ? 'paid'
        : 'failed'
      : undefined;
    if (previous && previousOutcome === outcome) return previous;
    // A platform never takes money back: a late "failed" leaves a paid transaction paid.
    if (transaction.state !== 'paid') {
      transactionCounter += 1;
      transaction.state = outcome;
      transaction.transactionId = `PG${String(Date.now()).slice(-8)}${String(transactionCounter).padStart(4, '0')}`;
      transaction.settledAt = toNationalTimestamp(now());
    }
    const fields = {
      LoaiBanTin: 'CONFIRM',
      MaLoi: outcome === 'paid' ? CALLBACK_PAID_CODE : CANCELLED_BY_PAYER,
      MaDoiTac: options.partnerCode,
      MaThamChieu: transaction.reference,
      SoTien: String(transaction.amount),
      MaTienTe: 'VND',
      MaGiaoDich: transaction.transactionId ?? '',
      MaNganHang: outcome === 'paid' ? 'VCB' : '',
      ThoiGianGD: transaction.settledAt ?? toNationalTimestamp(now()),
      ThongTinGiaoDich: transaction.init.ThongTinGiaoDich,
    };
    transaction.lastCallback = { ...fields, MaXacThuc: sign('CALLBACK', fields) };
    return transaction.lastCallback;
  }

  /** Sends a callback to the gateway, through the callback faults; what was sent, with the replies. */
  async function sendCallback(callback: PaymentCallback): Promise<SentCallback[]> {
    const faults = callbackFaults;
    const url = options.callbackUrl();
    if (faults.dropCallback || !url) return [];
    if (faults.callbackDelayMs) await new Promise((resolve) => setTimeout(resolve, faults.callbackDelayMs));
    let body: PaymentCallback = callback;
    if (faults.wrongAmount) {
      const fields = { ...callback, SoTien: String(Number(callback.SoTien) + 1000) };
      body = { ...fields, MaXacThuc: sign('CALLBACK', fields) };
    }
    if (faults.wrongChecksum) body = { ...body, MaXacThuc: sign('CALLBACK', { ...body, SoTien: '1' }) };
    const copies = faults.duplicateCallbacks ?? 1;
    return Promise.all(
      Array.from({ length: copies }, async () => {
        let sent: SentCallback;
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(10_000),
          });
          const reply: unknown = await response.json().catch(() => undefined);
          sent = { at: now().toISOString(), body, status: response.status, reply };
        } catch (error) {
          sent = { at: now().toISOString(), body, status: 0, reply: (error as Error).message };
        }
        callbacks.push(sent);
        return sent;
      }),
    );
  }

  app.post('/_sim/payment-faults', async (c) => {
    const parsed = callbackFaultsSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'invalid faults', issues: parsed.error.issues }, 400);
    callbackFaults = parsed.data;
    return c.json(callbackFaults);
  });

  app.get('/_sim/callbacks', (c) => c.json(callbacks));

  app.post('/_sim/pay/:reference', async (c) => {
    const transaction = transactions.get(c.req.param('reference'));
    if (!transaction) return c.json({ error: 'unknown reference' }, 404);
    const parsed = payRequestSchema.safeParse(await c.req.json().catch(() => ({ outcome: 'paid' })));
    if (!parsed.success) return c.json({ error: 'outcome must be paid or failed' }, 400);
    const sent = await sendCallback(settle(transaction, parsed.data.outcome));
    return c.json({ reference: transaction.reference, state: transaction.state, sent });
  });

  // The page the payer is sent to (UrlThanhToan), and its two buttons.
  app.get('/pay/:reference', (c) => {
    const transaction = transactions.get(c.req.param('reference'));
    if (!transaction) return c.html('<h1>Không tìm thấy giao dịch</h1>', 404);
    const receipt = transaction.init.ThongTinBienLai;
    const reference = escapeHtml(transaction.reference);
    const lines = receipt.PhiLePhi.map(
      (fee) =>
        `<tr><td>${escapeHtml(fee.TenPhiLePhi)}</td><td>${escapeHtml(formatVnd(Number(fee.SoTien)))}</td></tr>`,
    ).join('');
    const settled =
      transaction.state === 'pending'
        ? `<form method="post"><button name="outcome" value="paid">Thanh toán</button> <button name="outcome" value="failed">Hủy giao dịch</button></form>`
        : `<p>Giao dịch đã ${transaction.state === 'paid' ? 'được thanh toán' : 'không thành công'}.</p>`;
    return c.html(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Thanh toán ${reference}</title></head>
<body><h1>Nền tảng thanh toán (mô phỏng)</h1>
<p>Hồ sơ ${escapeHtml(receipt.MaHoSo)} — người nộp ${escapeHtml(receipt.HoTenNguoiNop)}</p>
<p>${escapeHtml(receipt.NoiDungThanhToan)}</p>
<table>${lines}<tr><th>Tổng cộng</th><th>${escapeHtml(formatVnd(transaction.amount))}</th></tr></table>
${settled}</body></html>`);
  });

  app.post('/pay/:reference', async (c) => {
    const transaction = transactions.get(c.req.param('reference'));
    if (!transaction) return c.html('<h1>Không tìm thấy giao dịch</h1>', 404);
    const form = await c.req.parseBody();
    const outcome = form.outcome === 'paid' ? 'paid' : 'failed';
    const callback = settle(transaction, outcome);
    await sendCallback(callback);
    const back = transaction.init.UrlTraVe;
    if (back && /^https?:\/\//.test(back)) {
      const target = new URL(back);
      target.searchParams.set('MaThamChieu', transaction.reference);
      target.searchParams.set('MaLoi', callback.MaLoi);
      return c.redirect(target.toString(), 303);
    }
    return c.redirect(`/pay/${encodeURIComponent(transaction.reference)}`, 303);
  });

  return {
    app,
    received: kit.received,
    callbacks,
    /** Transactions as the platform holds them (tests inspect them; not served: they hold personal data). */
    transactions,
    replySchema: paymentCallbackReplySchema,
  };
}

export type PaymentPlatformSimulator = ReturnType<typeof createPaymentPlatformSimulator>;
