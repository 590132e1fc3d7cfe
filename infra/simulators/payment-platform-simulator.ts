import type { Context, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import {
  doiSoatSchema,
  type InitMessage,
  initSchema,
  type ListedTransaction,
  maXacThuc,
  readableStamp,
  referenceSchema,
  refusals,
  signedFields,
  transactionListText,
  vietnamStamp,
  vnd,
} from './paygov-wire';
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
  /** The Bearer token every call must carry; without one, calls carry none ([TH] sends it only when set). */
  readonly apiToken?: string;
  /** The gateway's /v1/callbacks/payment; known once the gateway listens. */
  readonly callbackUrl: () => string | undefined;
  /** How the callback writes SoTien: a number, as [TH] reads it (default), or a string. */
  readonly callbackAmountAs?: 'number' | 'string';
  readonly now?: () => Date;
  readonly random?: () => number;
}

interface SimulatedTransaction {
  readonly reference: string;
  readonly amount: number;
  readonly init: InitMessage;
  /** ThoiGianGD of the INIT: QUERY and GET_BILL must name it [TH CheckConfirmGiaoDichThanhToanHandler]. */
  readonly createdAt: string;
  state: 'pending' | 'paid' | 'failed';
  transactionId?: string;
  settledAt?: string;
  lastCallback?: CallbackMessage;
}

/**
 * The platform's callback [TH ConfirmDvcPaymentCommand]: LoaiBanTin CALLBACK [inferred: [TH]
 * does not check it], SoTien a number ([TH] reads an int), MaXacThuc over the ten fields.
 */
export interface CallbackMessage {
  readonly LoaiBanTin: string;
  readonly MaLoi: string;
  readonly MaDoiTac: string;
  readonly MaThamChieu: string;
  readonly SoTien: number | string;
  readonly MaTienTe: string;
  readonly MaGiaoDich: string;
  readonly MaNganHang: string;
  readonly ThoiGianGD: string;
  readonly ThongTinGiaoDich: string;
  readonly MaXacThuc: string;
}

export interface SentCallback {
  readonly at: string;
  readonly body: CallbackMessage;
  readonly status: number;
  readonly reply: unknown;
}

const payRequestSchema = z.strictObject({ outcome: z.enum(['paid', 'failed']) });
/** MaLoi of a paid transaction [TH MA_LOI.THANH_CONG]; of one the payer cancelled [inferred]. */
const PAID = '00';
const CANCELLED_BY_PAYER = '24';
/** TrangThaiGD [TH]: 1 paid, 3 pending, 4 failed. */
const transactionStates = { paid: '1', pending: '3', failed: '4' } as const;
/** The platform's paths are not public: this kit's own, which the gateway's defaults follow. */
const simulatorPaymentPaths = {
  init: 'paygov/init',
  query: 'paygov/query',
  getBill: 'paygov/get-bill',
  transactionList: 'paygov/doi-soat',
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A strict stand-in for the national payment platform (protocol 1.0.6, paygov-wire.ts) with the
 * demo partner: INIT, QUERY and GET_BILL (which must name the INIT's ThoiGianGD, and are
 * answered as [TH] reads them: QUERY with {MaLoi, MoTaLoi, TrangThaiGD, ...} and no error_code),
 * the daily transaction list, a page where a person pays or cancels, and the callback to the
 * gateway, with fault injection. `/_sim/pay/{MaThamChieu}` settles a payment as a payer would;
 * again for the same reference it re-sends the same callback (a duplicate), with the other
 * outcome a contradicting one.
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
  const sign = (message: keyof typeof signedFields, fields: Record<string, unknown>) =>
    maXacThuc(signedFields[message], fields, options.secret);
  const route = (path: string) => `/${path}`;
  const paths = simulatorPaymentPaths;

  const requireToken: MiddlewareHandler<SimulatorEnv> = async (c, next) => {
    const expected = options.apiToken === undefined ? undefined : `Bearer ${options.apiToken}`;
    if (c.req.header('authorization') !== expected) {
      return c.json({ error_code: '401', message: 'Token không hợp lệ' }, 401);
    }
    await next();
  };

  /**
   * Parses and authenticates a signed request; the refusal's code and text when it is refused
   * (each route answers them in its own shape).
   */
  async function readSigned<T extends z.ZodType>(
    c: Context<SimulatorEnv>,
    schema: T,
    message: keyof typeof signedFields,
  ): Promise<{ data: z.infer<T> } | { refusal: { code: string; text: string } }> {
    const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
      return { refusal: { code: refusals.invalid, text: `Dữ liệu không hợp lệ: ${fields}` } };
    }
    const data = parsed.data as Record<string, unknown>;
    if (String(data.MaXacThuc).toLowerCase() !== sign(message, data)) {
      return { refusal: { code: refusals.checksum, text: 'Sai mã xác thực' } };
    }
    if (data.MaDoiTac !== options.partnerCode) {
      return { refusal: { code: refusals.invalid, text: 'Sai mã đối tác' } };
    }
    return { data: parsed.data };
  }
  const errorReply = (c: Context<SimulatorEnv>, refusal: { code: string; text: string }) =>
    c.json({ error_code: refusal.code, message: refusal.text });

  /**
   * The transaction a QUERY or GET_BILL names: by its reference and the ThoiGianGD of its INIT,
   * which [TH] sends (CheckPaymentStatusRequest.ThoiGianGD from the stored INIT time).
   */
  function named(request: {
    MaThamChieu: string;
    ThoiGianGD: string;
  }): { transaction: SimulatedTransaction } | { refusal: { code: string; text: string } } {
    const transaction = transactions.get(request.MaThamChieu);
    if (!transaction)
      return { refusal: { code: refusals.notFound, text: 'Không tìm thấy giao dịch' } } as const;
    if (transaction.createdAt !== request.ThoiGianGD) {
      return {
        refusal: {
          code: refusals.invalid,
          text: `ThoiGianGD ${request.ThoiGianGD} không phải thời gian khởi tạo giao dịch`,
        },
      };
    }
    return { transaction };
  }

  app.post(route(paths.init), kit.withFaults, requireToken, async (c) => {
    const read = await readSigned(c, initSchema, 'INIT');
    if ('refusal' in read) return errorReply(c, read.refusal);
    const init = read.data;
    if (kit.faults().reject)
      return errorReply(c, { code: refusals.declined, text: 'Giao dịch bị từ chối (simulated)' });
    const lineTotal = init.ThongTinBienLai.PhiLePhi.reduce((sum, fee) => sum + Number(fee.SoTien), 0);
    if (lineTotal !== Number(init.SoTien)) {
      return errorReply(c, { code: refusals.invalid, text: 'Tổng phí, lệ phí khác SoTien' });
    }
    const existing = transactions.get(init.MaThamChieu);
    if (existing && (existing.amount !== Number(init.SoTien) || existing.createdAt !== init.ThoiGianGD)) {
      return errorReply(c, { code: refusals.duplicate, text: 'Trùng mã tham chiếu' });
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
    // [TH InitPayment] reads `message` as a JSON string holding UrlThanhToan.
    return c.json({
      error_code: '0',
      message: JSON.stringify({ UrlThanhToan: `${origin}/pay/${encodeURIComponent(init.MaThamChieu)}` }),
    });
  });

  /** QUERY: answered as [TH] reads it, {MaLoi, MoTaLoi, TrangThaiGD, ...}, with no error_code. */
  app.post(route(paths.query), kit.withFaults, requireToken, async (c) => {
    const read = await readSigned(c, referenceSchema('QUERY'), 'REFERENCE');
    if ('refusal' in read) return c.json({ MaLoi: read.refusal.code, MoTaLoi: read.refusal.text });
    const found = named(read.data);
    if ('refusal' in found) return c.json({ MaLoi: found.refusal.code, MoTaLoi: found.refusal.text });
    kit.record(c, read.data);
    const { transaction } = found;
    const state = callbackFaults.stuckPending ? 'pending' : transaction.state;
    return c.json({
      MaLoi: PAID,
      MoTaLoi: 'Thành công',
      MaDoiTac: options.partnerCode,
      MaThamChieu: transaction.reference,
      TrangThaiGD: transactionStates[state],
      SoTien: transaction.amount,
      MaTienTe: 'VND',
      MaGiaoDich: state === 'pending' ? '' : (transaction.transactionId ?? ''),
      MaNganHang: state === 'paid' ? 'VCB' : '',
      ThoiGianGD: state === 'pending' ? '' : (transaction.settledAt ?? ''),
    });
  });

  app.post(route(paths.getBill), kit.withFaults, requireToken, async (c) => {
    const read = await readSigned(c, referenceSchema('GET_BILL'), 'REFERENCE');
    if ('refusal' in read) return errorReply(c, read.refusal);
    const found = named(read.data);
    if ('refusal' in found) return errorReply(c, found.refusal);
    const { transaction } = found;
    if (transaction.state !== 'paid')
      return errorReply(c, { code: refusals.notFound, text: 'Không có biên lai' });
    kit.record(c, read.data);
    const receipt = transaction.init.ThongTinBienLai;
    const pdf = receiptPdf('BIÊN LAI THU PHÍ, LỆ PHÍ (điện tử)', [
      `Mã tham chiếu: ${transaction.reference}`,
      `Mã giao dịch: ${transaction.transactionId ?? ''}`,
      `Thời gian: ${readableStamp(transaction.settledAt ?? transaction.createdAt)}`,
      `Đơn vị thu: ${receipt.TenDonVi || receipt.MaDonVi}`,
      `Mã hồ sơ: ${receipt.MaHoSo}`,
      `Người nộp: ${receipt.HoTenNguoiNop}`,
      `Nội dung: ${receipt.NoiDungThanhToan}`,
      ...receipt.PhiLePhi.map((fee) => `  ${fee.MaPhiLePhi} ${fee.TenPhiLePhi}: ${vnd(Number(fee.SoTien))}`),
      `Tổng cộng: ${vnd(transaction.amount)}`,
    ]);
    return c.body(pdf.slice().buffer as ArrayBuffer, 200, { 'content-type': 'application/pdf' });
  });

  app.post(route(paths.transactionList), kit.withFaults, requireToken, async (c) => {
    const read = await readSigned(c, doiSoatSchema, 'DOISOAT');
    if ('refusal' in read) return errorReply(c, read.refusal);
    kit.record(c, read.data);
    const day = read.data.NgayGiaoDich;
    const rows: ListedTransaction[] = [...transactions.values()]
      .filter((transaction) => transaction.createdAt.startsWith(day))
      .map((transaction) => ({
        reference: transaction.reference,
        transactionId: transaction.transactionId ?? '',
        amount: transaction.amount,
        state: transactionStates[transaction.state],
        at: transaction.settledAt ?? transaction.createdAt,
        bank: transaction.state === 'paid' ? 'VCB' : '',
      }));
    return c.body(
      transactionListText(rows, { partnerCode: options.partnerCode, day, secret: options.secret }),
      200,
      {
        'content-type': 'text/plain; charset=utf-8',
      },
    );
  });

  /** Settles a transaction as the payer chose and builds its callback; a repeat gives the same one. */
  function settle(transaction: SimulatedTransaction, outcome: 'paid' | 'failed'): CallbackMessage {
    const previous = transaction.lastCallback;
    const previousOutcome = previous ? (previous.MaLoi === PAID ? 'paid' : 'failed') : undefined;
    if (previous && previousOutcome === outcome) return previous;
    // A platform never takes money back: a late "failed" leaves a paid transaction paid.
    if (transaction.state !== 'paid') {
      transactionCounter += 1;
      transaction.state = outcome;
      transaction.transactionId = `PG${String(Date.now()).slice(-8)}${String(transactionCounter).padStart(4, '0')}`;
      transaction.settledAt = vietnamStamp(now());
    }
    const fields = {
      LoaiBanTin: 'CALLBACK',
      MaLoi: outcome === 'paid' ? PAID : CANCELLED_BY_PAYER,
      MaDoiTac: options.partnerCode,
      MaThamChieu: transaction.reference,
      SoTien: options.callbackAmountAs === 'string' ? String(transaction.amount) : transaction.amount,
      MaTienTe: 'VND',
      MaGiaoDich: transaction.transactionId ?? '',
      MaNganHang: outcome === 'paid' ? 'VCB' : '',
      ThoiGianGD: transaction.settledAt ?? vietnamStamp(now()),
      ThongTinGiaoDich: transaction.init.ThongTinGiaoDich,
    };
    transaction.lastCallback = { ...fields, MaXacThuc: sign('CALLBACK', fields) };
    return transaction.lastCallback;
  }

  /** Sends a callback to the gateway, through the callback faults; what was sent, with the replies. */
  async function sendCallback(callback: CallbackMessage): Promise<SentCallback[]> {
    const faults = callbackFaults;
    const url = options.callbackUrl();
    if (faults.dropCallback || !url) return [];
    if (faults.callbackDelayMs) await new Promise((resolve) => setTimeout(resolve, faults.callbackDelayMs));
    let body: CallbackMessage = callback;
    if (faults.wrongAmount) {
      const fields = { ...callback, SoTien: Number(callback.SoTien) + 1000 };
      body = { ...fields, MaXacThuc: sign('CALLBACK', fields) };
    }
    if (faults.wrongChecksum) body = { ...body, MaXacThuc: sign('CALLBACK', { ...body, SoTien: 1 }) };
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
        `<tr><td>${escapeHtml(fee.TenPhiLePhi)}</td><td>${escapeHtml(vnd(Number(fee.SoTien)))}</td></tr>`,
    ).join('');
    const settled =
      transaction.state === 'pending'
        ? `<form method="post"><button name="outcome" value="paid">Thanh toán</button> <button name="outcome" value="failed">Hủy giao dịch</button></form>`
        : `<p>Giao dịch đã ${transaction.state === 'paid' ? 'được thanh toán' : 'không thành công'}.</p>`;
    return c.html(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Thanh toán ${reference}</title></head>
<body><h1>Nền tảng thanh toán (mô phỏng)</h1>
<p>Hồ sơ ${escapeHtml(receipt.MaHoSo)} — người nộp ${escapeHtml(receipt.HoTenNguoiNop)}</p>
<p>${escapeHtml(receipt.NoiDungThanhToan)}</p>
<table>${lines}<tr><th>Tổng cộng</th><th>${escapeHtml(vnd(transaction.amount))}</th></tr></table>
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
  };
}

export type PaymentPlatformSimulator = ReturnType<typeof createPaymentPlatformSimulator>;
