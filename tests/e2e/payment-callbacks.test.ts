import { beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { callbackSignedFields, initSignedFields, paygovChecksum } from '../support/paygov-messages';
import {
  aPaymentRequest,
  clientOf,
  expectPaidHeardOnce,
  nationalPaymentRows,
  payAtSimulator,
  provincePaymentEvents,
  referenceOfPayment,
  settle,
  usePaymentRuntime,
} from '../support/payments';
import { setFaults } from '../support/receiver';
import { eventuallySome, tokenFor } from '../support/test-runtime';

const SECRET = 'demo-paygov-secret';
const PAYER_ID = '001203004567';
const LIFETIME_SECONDS = 2;

// Polls as soon as asked, payments expire quickly, and an interrupted relay is finished at once.
const started = usePaymentRuntime({
  payments: {
    queryAfterSeconds: 0,
    queryEverySeconds: 0,
    lifetimeSeconds: LIFETIME_SECONDS,
    relayRecoveryAfterSeconds: 0,
  },
});
let logSpies: MockInstance[];

beforeAll(() => {
  const logger = started.runtime.deps.logger as unknown as Record<
    'debug' | 'info' | 'warn' | 'error',
    () => void
  >;
  logSpies = (['debug', 'info', 'warn', 'error'] as const).map((level) => vi.spyOn(logger, level));
});

async function postCallback(body: unknown) {
  const response = await fetch(`${started.runtime.urls.gateway}/v1/callbacks/payment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, reply: (await response.json()) as Record<string, string> };
}

/**
 * A callback signed in the test, over the hand-written field order of tests/support/paygov-messages.ts
 * (not the production list). SoTien may be a number ([TH] reads an int).
 */
function signedCallback(reference: string, amount: string | number, secret = SECRET, at = nowNational()) {
  const fields = {
    LoaiBanTin: 'CALLBACK',
    MaLoi: '00',
    MaDoiTac: 'DEMO',
    MaThamChieu: reference,
    SoTien: amount,
    MaTienTe: 'VND',
    MaGiaoDich: 'PG-TEST-1',
    MaNganHang: 'VCB',
    ThoiGianGD: at,
    ThongTinGiaoDich: 'Thanh toan ho so',
  };
  return { ...fields, MaXacThuc: callbackChecksum(fields, secret) };
}

/** The callback's checksum in the order [TH ConfirmDvcPaymentCommandHandler] joins its fields. */
function callbackChecksum(fields: CallbackFields, secret: string) {
  return paygovChecksum([...callbackSignedFields.map((name) => fields[name]), secret]);
}

type CallbackFields = Record<(typeof callbackSignedFields)[number], string | number>;

function nowNational(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

describe('the payment callback', () => {
  it('accepts a callback signed independently of the gateway, and echoes its ThoiGianGD and MaXacThuc [TH ConfirmDvcPaymentCommandHandler]', async () => {
    const { paymentId, reference } = await started.aPendingPayment();
    const callback = signedCallback(reference, '258000');

    const { status, reply } = await postCallback(callback);

    expect(status).toBe(200);
    expect(reply).toMatchObject({
      MaLoi: '00',
      MaDoiTac: 'DEMO',
      ThoiGianGD: callback.ThoiGianGD,
      MaXacThuc: callback.MaXacThuc,
    });
    expect((await started.runtime.deps.payments.getPayment(paymentId))?.state).toBe('paid');
  });

  it('reads SoTien as a number or a string [TH ConfirmDvcPaymentCommand int SoTien]', async () => {
    const asNumber = await started.aPendingPayment();
    expect((await postCallback(signedCallback(asNumber.reference, 258000))).reply.MaLoi).toBe('00');
    expect((await started.runtime.deps.payments.getPayment(asNumber.paymentId))?.state).toBe('paid');
    const asString = await started.aPendingPayment();
    expect((await postCallback(signedCallback(asString.reference, '258000'))).reply.MaLoi).toBe('00');
  });

  it('refuses a wrong MaXacThuc with the platform’s error reply, logs a security event, changes nothing', async () => {
    const { paymentId, reference } = await started.aPendingPayment();
    await started.paymentFaults({ wrongChecksum: true });

    const answer = await payAtSimulator(started.runtime, reference);

    expect(answer.sent.map((sent) => [sent.status, sent.reply.MaLoi])).toEqual([[200, '01']]);
    expect((await started.runtime.deps.payments.getPayment(paymentId))?.state).toBe('pending');
    const security = logSpies[2]?.mock.calls.find(
      (call) => (call[1] as { event?: string } | undefined)?.event === 'payment.checksumMismatch',
    );
    expect(security?.[1]).toMatchObject({ reference, securityEvent: true });
    expect(JSON.stringify(security)).not.toContain(SECRET);
  });

  it('refuses a callback signed with another secret, and one that is not a callback at all', async () => {
    const { reference } = await started.aPendingPayment();
    expect((await postCallback(signedCallback(reference, '258000', 'not-the-secret'))).reply.MaLoi).toBe(
      '01',
    );
    expect((await postCallback({ hello: 'world' })).reply.MaLoi).toBe('04');
    const unknown = signedCallback('LT00000000000040008000000000000000', '258000');
    expect((await postCallback(unknown)).reply.MaLoi).toBe('02');
  });

  it('refuses a callback dated in the future or before the payment existed', async () => {
    const { paymentId, reference } = await started.aPendingPayment();
    expect(
      (await postCallback(signedCallback(reference, '258000', SECRET, '20990101000000'))).reply.MaLoi,
    ).toBe('04');
    expect(
      (await postCallback(signedCallback(reference, '258000', SECRET, '20200101000000'))).reply.MaLoi,
    ).toBe('04');
    expect((await started.runtime.deps.payments.getPayment(paymentId))?.state).toBe('pending');
  });

  it('closes a payment whose INIT never completed once its time is up, and tells nobody', async () => {
    await setFaults(started.runtime.urls.payment, { down: true });
    const dossier = await started.aSyncedDossier();
    expect((await started.client.post('/v1/payments', aPaymentRequest(dossier.dossierCode))).status).toBe(
      503,
    );
    await setFaults(started.runtime.urls.payment, {});
    const [payment] = await started.runtime.deps.payments.listDossierPayments(dossier.dossierCode);
    expect(payment?.state).toBe('initiating');

    await new Promise((resolve) => setTimeout(resolve, LIFETIME_SECONDS * 1000 + 200));
    await started.runtime.runSchedule('payment-status-poller');

    expect((await started.runtime.deps.payments.getPayment(payment?.paymentId ?? ''))?.state).toBe('expired');
    expect(await started.runtime.deps.store.listMessages('province', dossier.dossierCode)).toEqual([]);
    // The dossier is free for a new payment.
    expect((await started.client.post('/v1/payments', aPaymentRequest(dossier.dossierCode))).status).toBe(
      201,
    );
  }, 30_000);

  it('refuses a callback for another amount, keeps it on the payment, and applies nothing', async () => {
    const { paymentId, reference } = await started.aPendingPayment();
    await started.paymentFaults({ wrongAmount: true });

    const answer = await payAtSimulator(started.runtime, reference);

    expect(answer.sent.map((sent) => sent.reply.MaLoi)).toEqual(['03']);
    const stored = await started.runtime.deps.payments.getPayment(paymentId);
    expect(stored?.state).toBe('pending');
    expect(stored?.recordedOutcomes?.[0]?.detail).toContain('259000');
    expect(await started.runtime.deps.store.listMessages('province', stored?.dossierCode ?? '')).toEqual([]);
  });

  it('applies a delayed callback once it comes', async () => {
    const { paymentId, reference } = await started.aPendingPayment();
    await started.paymentFaults({ callbackDelayMs: 400 });

    const answer = await payAtSimulator(started.runtime, reference);

    expect(answer.sent.map((sent) => sent.reply.MaLoi)).toEqual(['00']);
    expect((await started.runtime.deps.payments.getPayment(paymentId))?.state).toBe('paid');
  });

  it('finds a payment whose callback was dropped by asking the platform (QUERY), and relays it once', async () => {
    const { paymentId, reference } = await started.aPendingPayment();
    await started.paymentFaults({ dropCallback: true });
    expect((await payAtSimulator(started.runtime, reference)).sent).toEqual([]);
    expect((await started.runtime.deps.payments.getPayment(paymentId))?.state).toBe('pending');

    await started.runtime.runSchedule('payment-status-poller');

    expect((await started.runtime.deps.payments.getPayment(paymentId))?.state).toBe('paid');
    await expectPaidHeardOnce(started.runtime, { paymentId, reference }, () =>
      started.runtime.runSchedule('payment-status-poller'),
    );
  }, 30_000);

  it('closes a payment still pending on the platform after its lifetime as expired, and tells both sides', async () => {
    const { paymentId, reference } = await started.aPendingPayment();
    await started.paymentFaults({ stuckPending: true });
    await started.runtime.runSchedule('payment-status-poller');
    expect((await started.runtime.deps.payments.getPayment(paymentId))?.state).toBe('pending');

    await new Promise((resolve) => setTimeout(resolve, LIFETIME_SECONDS * 1000 + 200));
    await started.runtime.runSchedule('payment-status-poller');

    expect((await started.runtime.deps.payments.getPayment(paymentId))?.state).toBe('expired');
    expect(await eventuallySome(() => provincePaymentEvents(started.runtime, paymentId))).toEqual([
      'payment.failed:expired',
    ]);
    const rows = await eventuallySome(() => nationalPaymentRows(started.runtime, reference));
    expect(rows[0]).toContain('đã hết hạn');
  }, 30_000);

  /** Runs `act` while the store cannot take messages: the process dies after the state change. */
  async function withCrashBeforeRelay<T>(act: () => Promise<T>): Promise<T> {
    const store = started.runtime.deps.store;
    const append = store.appendMessage;
    (store as { appendMessage: typeof append }).appendMessage = async () => {
      throw new Error('store unavailable (simulated crash before the relay)');
    };
    try {
      return await act();
    } finally {
      (store as { appendMessage: typeof append }).appendMessage = append;
    }
  }

  it('finishes the relay when the process died between the state change and the relay: by the next duplicate', async () => {
    const { dossier, paymentId, reference } = await started.aPendingPayment();
    const store = started.runtime.deps.store;
    const paid = await withCrashBeforeRelay(() => payAtSimulator(started.runtime, reference));
    expect(paid.sent.map((sent) => sent.reply.MaLoi)).toEqual(['00']);
    expect(await started.runtime.deps.payments.getPayment(paymentId)).toMatchObject({
      state: 'paid',
      relayPending: true,
    });
    expect(await store.listMessages('province', dossier.dossierCode)).toEqual([]);

    expect((await payAtSimulator(started.runtime, reference)).sent.map((sent) => sent.reply.MaLoi)).toEqual([
      '00',
    ]);
    expect(await started.runtime.deps.payments.getPayment(paymentId)).toMatchObject({
      state: 'paid',
      relayPending: false,
    });
    expect(await eventuallySome(() => provincePaymentEvents(started.runtime, paymentId))).toEqual([
      'payment.succeeded:paid',
    ]);
    await payAtSimulator(started.runtime, reference);
    await settle();
    expect(await provincePaymentEvents(started.runtime, paymentId)).toHaveLength(1);
  }, 30_000);

  it('finishes an interrupted relay from the schedule when no duplicate comes', async () => {
    const { dossier, paymentId, reference } = await started.aPendingPayment();
    const store = started.runtime.deps.store;
    await withCrashBeforeRelay(() => payAtSimulator(started.runtime, reference, 'failed'));
    expect(await store.listMessages('national', dossier.dossierCode)).toHaveLength(1);

    await started.runtime.runSchedule('payment-status-poller');

    expect(
      (await store.listMessages('national', dossier.dossierCode)).map((message) => message.kind),
    ).toEqual(['dossier.sync', 'payment.progress']);
    expect(await eventuallySome(() => provincePaymentEvents(started.runtime, paymentId))).toEqual([
      'payment.failed:failed',
    ]);
  }, 30_000);
});

/**
 * Issue 17, item 0: an attacker who sees one INIT checksum (of payment B, whose description he
 * wrote) must not be able to pass it off as a "paid" callback of payment A. MaXacThuc is a plain
 * SHA-256 of "|"-joined values, so before the fix a description holding "|" let the same joined
 * text be split into the ten callback fields.
 */
describe('forged callbacks (issue 17)', () => {
  const initChecksum = (fields: readonly string[]) => paygovChecksum([...fields, SECRET]);

  /** What payment B's INIT signed, had its description been taken with the separators in it. */
  function initOfB(referenceB: string, referenceA: string, at: string) {
    const description = `x|00|DEMO|${referenceA}|258000|VND|PG-FORGED|VCB|${at}|paid`;
    const fields = Object.values(
      initSignedFields({
        MaThamChieu: referenceB,
        SoTien: '258000',
        ThongTinGiaoDich: description,
        ThoiGianGD: at,
      }),
    );
    return { description, fields, checksum: initChecksum(fields) };
  }

  it('refuses a payment description holding the separator at the edge, naming the field', async () => {
    const dossier = await started.aSyncedDossier();
    const response = await started.client.post(
      '/v1/payments',
      aPaymentRequest(dossier.dossierCode, { description: 'Lệ phí|00|DEMO' }),
    );
    expect(response.status).toBe(400);
    expect(
      ((await response.json()) as { errors: { path: string }[] }).errors.map((error) => error.path),
    ).toEqual(['$.description']);
  });

  it('does not take payment B’s INIT checksum for a paid callback of payment A', async () => {
    const a = await started.aPendingPayment();
    const b = await started.aPendingPayment();
    const at = nowNational();
    const init = initOfB(b.reference, a.reference, at);
    // The forgery: the INIT's joined text, split as ten callback fields. Under the old rule it verified.
    const forged = {
      LoaiBanTin: `INIT|1.0.6|DEMO|${b.reference}|258000|PAY|1|1|vi-VN|VND|PAYMENT|x`,
      MaLoi: '00',
      MaDoiTac: 'DEMO',
      MaThamChieu: a.reference,
      SoTien: '258000',
      MaTienTe: 'VND',
      MaGiaoDich: 'PG-FORGED',
      MaNganHang: 'VCB',
      ThoiGianGD: at,
      ThongTinGiaoDich: `paid|${at}|127.0.0.1`,
      MaXacThuc: init.checksum,
    };
    expect(paygovChecksum([...Object.values(forged).slice(0, 10), SECRET])).toBe(init.checksum);

    const { status, reply } = await postCallback(forged);

    expect([status, reply.MaLoi]).toEqual([200, '04']);
    expect((await started.runtime.deps.payments.getPayment(a.paymentId))?.state).toBe('pending');
    const alarm = logSpies[2]?.mock.calls.find(
      (call) => (call[1] as { event?: string } | undefined)?.event === 'payment.callbackForged',
    );
    expect(alarm?.[1]).toMatchObject({ securityEvent: true });
    expect(await started.runtime.deps.store.listMessages('province', a.dossier.dossierCode)).toEqual([]);
  });

  it('refuses the other field shifts: a CALLBACK with "|" in any signed value, an INIT or QUERY replayed as is', async () => {
    const a = await started.aPendingPayment();
    const at = nowNational();
    const shifts: Record<string, string>[] = [
      // The INIT-derived shape above, with the type claimed right but the shift moved into values.
      { MaLoi: '00|DEMO', MaDoiTac: a.reference },
      { MaThamChieu: `${a.reference}|258000` },
      { MaGiaoDich: 'PG|VCB', MaNganHang: at },
      { ThongTinGiaoDich: `paid|${at}` },
    ];
    for (const shift of shifts) {
      const fields = { ...signedCallback(a.reference, '258000'), ...shift };
      const reply = await postCallback({ ...fields, MaXacThuc: callbackChecksum(fields, SECRET) });
      expect(reply.reply.MaLoi).toBe('04');
    }
    // A QUERY's checksum (five fields) presented as a callback's: no split of ten values makes it.
    const queryChecksum = paygovChecksum(['QUERY', '1.0.6', 'DEMO', a.reference, at, SECRET]);
    expect(
      (await postCallback({ ...signedCallback(a.reference, '258000'), MaXacThuc: queryChecksum })).reply
        .MaLoi,
    ).toBe('01');
    // Another message type, however it is signed, is not a callback.
    const asInit = signedCallback(a.reference, '258000');
    const init = { ...asInit, LoaiBanTin: 'INIT' };
    expect((await postCallback(init)).reply.MaLoi).toBe('04');
    expect((await started.runtime.deps.payments.getPayment(a.paymentId))?.state).toBe('pending');
  });
});

describe('the national fee look-up', () => {
  it('answers 1 with the fee lines, then the open payment’s lines, then 0 once paid, and -1 for unknown', async () => {
    const national = clientOf(
      started.runtime,
      await tokenFor(started.runtime, 'demo-national', 'demo-national-password'),
    );
    const dossier = await started.aSyncedDossier();
    const lookUp = async (MaHoSo: string) =>
      (await (await national.post('/v1/national/fees', { MaHoSo })).json()) as {
        error_code: string;
        result?: {
          TongTien: string;
          DanhSachLePhi: { MaPhiLePhi: string; Gia: string }[];
          MaThamChieu?: string;
        };
      };

    expect(await lookUp(dossier.dossierCode)).toMatchObject({
      error_code: '1',
      result: { TongTien: '8000', DanhSachLePhi: [{ MaPhiLePhi: 'LP01', Gia: '8000' }] },
    });
    const created = await started.createPayment(aPaymentRequest(dossier.dossierCode));
    const reference = await referenceOfPayment(started.client, created.paymentId);
    expect(await lookUp(dossier.dossierCode)).toMatchObject({
      error_code: '1',
      result: { TongTien: '258000', MaThamChieu: reference },
    });
    await payAtSimulator(started.runtime, reference);
    expect((await lookUp(dossier.dossierCode)).error_code).toBe('0');
    expect((await lookUp('000.00.12.H12-250101-9999')).error_code).toBe('-1');
    expect((await lookUp('not a code')).error_code).toBe('-1');
    expect((await started.client.post('/v1/national/fees', { MaHoSo: dossier.dossierCode })).status).toBe(
      403,
    );
  });
});

describe('personal data', () => {
  it('never logged the payer’s ID number or the partner secret in anything above', async () => {
    await setFaults(started.runtime.urls.payment, { down: true });
    const dossier = await started.aSyncedDossier();
    expect((await started.client.post('/v1/payments', aPaymentRequest(dossier.dossierCode))).status).toBe(
      503,
    );
    const logged = JSON.stringify(logSpies.flatMap((spy) => spy.mock.calls));
    expect(logged.length).toBeGreaterThan(1000);
    expect(logged).toContain('payment.checksumMismatch');
    expect(logged).not.toContain(PAYER_ID);
    expect(logged).not.toContain(SECRET);
  });
});
