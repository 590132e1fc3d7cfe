import { describe, expect, it, vi } from 'vitest';
import { aDossier } from '../support/fixtures';
import {
  aPaymentRequest,
  clientOf,
  expectPaidHeardOnce,
  nationalPaymentRows,
  payAtSimulator,
  platformCallsFor,
  provincePaymentEvents,
  referenceOfPayment,
  settle,
  usePaymentRuntime,
} from '../support/payments';
import { setFaults } from '../support/receiver';
import { eventually, eventuallySome, tokenFor } from '../support/test-runtime';

const started = usePaymentRuntime();

/**
 * A payment requested while the platform is down or refuses every INIT, with the idempotency key a
 * repeat sends again; the fault stays on until the test clears it.
 */
async function requestWhilePlatform(fault: 'down' | 'reject') {
  const dossier = await started.aSyncedDossier();
  const request = aPaymentRequest(dossier.dossierCode);
  const key = { 'idempotency-key': `${fault}-${dossier.dossierCode}` };
  await setFaults(started.runtime.urls.payment, { [fault]: true });
  return { dossier, request, key, refused: await started.client.post('/v1/payments', request, key) };
}

describe('payments end to end', () => {
  it('creates a payment (the 201 names its reference), the citizen pays, and the province and the portal each hear it once', async () => {
    const dossier = await started.aSyncedDossier();
    const created = await started.createPayment(aPaymentRequest(dossier.dossierCode));
    expect(created.state).toBe('pending');
    expect(created.paymentUrl.startsWith(`${started.runtime.urls.payment}/pay/`)).toBe(true);
    expect(created.expiresAt).toMatch(/\+07:00$/);

    const pending = (await (await started.client.get(`/v1/payments/${created.paymentId}`)).json()) as Record<
      string,
      unknown
    >;
    expect(pending).toMatchObject({
      paymentId: created.paymentId,
      dossierCode: dossier.dossierCode,
      amount: 258_000,
      state: 'pending',
    });
    const reference = String(pending.reference);
    expect(reference).toMatch(/^LT[0-9A-F]{32}$/);
    // The 201 names the platform's reference too, so a vendor need not read the payment back.
    expect(created.reference).toBe(reference);

    const init = started.runtime.simulators.payment.received.find(
      (request) => (request.body as { MaThamChieu?: string }).MaThamChieu === reference,
    );
    expect(init?.body).toMatchObject({
      LoaiBanTin: 'INIT',
      PhienBan: '1.0.6',
      MaDoiTac: 'DEMO',
      SoTien: '258000',
      ThongTinBienLai: {
        MaHoSo: dossier.dossierCode,
        TKThuHuong: '0011001234567',
        SoCMNDNguoiNop: '001203004567',
      },
    });

    const paid = await payAtSimulator(started.runtime, reference);
    expect(paid.sent.map((sent) => sent.reply.MaLoi)).toEqual(['00']);

    expect(await eventuallySome(() => provincePaymentEvents(started.runtime, created.paymentId))).toEqual([
      'payment.succeeded:paid',
    ]);
    const rows = await eventuallySome(() => nationalPaymentRows(started.runtime, reference));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^2:Đã thanh toán trực tuyến 258\.000 ₫/);

    // The platform sends the same callback again: acknowledged, nothing new anywhere.
    const again = await payAtSimulator(started.runtime, reference);
    expect(again.sent.map((sent) => sent.reply.MaLoi)).toEqual(['00']);
    await settle();
    expect(await provincePaymentEvents(started.runtime, created.paymentId)).toEqual([
      'payment.succeeded:paid',
    ]);
    expect(await nationalPaymentRows(started.runtime, reference)).toHaveLength(1);

    const view = (await (await started.client.get(`/v1/payments/${created.paymentId}`)).json()) as Record<
      string,
      unknown
    >;
    expect(view).toMatchObject({ state: 'paid', reference });
    expect(String(view.platformTransactionId)).toMatch(/^PG/);
    const dossierView = (await (await started.client.get(`/v1/dossiers/${dossier.dossierCode}`)).json()) as {
      payments: unknown[];
      timeline: { kind: string }[];
    };
    expect(dossierView.payments).toEqual([
      expect.objectContaining({ paymentId: created.paymentId, state: 'paid' }),
    ]);
    expect(dossierView.timeline.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['payment.progress', 'payment.succeeded']),
    );
  }, 40_000);

  it('applies the same callback arriving 20 times at once exactly once, with one relay message per channel', async () => {
    const { dossier, paymentId, reference } = await started.aPendingPayment();
    await started.paymentFaults({ duplicateCallbacks: 20 });
    const info = vi.spyOn(started.runtime.deps.logger, 'info');

    const answer = await payAtSimulator(started.runtime, reference);

    const changes = info.mock.calls.filter(
      ([message, context]) =>
        message === 'payment state changed' && (context as { paymentId?: string })?.paymentId === paymentId,
    );
    info.mockRestore();
    expect(changes).toHaveLength(1);

    expect(answer.sent).toHaveLength(20);
    expect(answer.sent.every((sent) => sent.status === 200 && sent.reply.MaLoi === '00')).toBe(true);
    const province = await started.runtime.deps.store.listMessages('province', dossier.dossierCode);
    const national = await started.runtime.deps.store.listMessages('national', dossier.dossierCode);
    expect(
      province.filter((message) => message.kind.startsWith('payment.')).map((message) => message.kind),
    ).toEqual(['payment.succeeded']);
    expect(national.filter((message) => message.kind === 'payment.progress')).toHaveLength(1);
    const stored = await started.runtime.deps.payments.getPayment(paymentId);
    expect(stored).toMatchObject({ state: 'paid', relayPending: false });
    await expectPaidHeardOnce(started.runtime, { paymentId, reference });
  }, 40_000);

  it('relays a failed payment to both sides, and a late success after it as well, in order', async () => {
    const { paymentId, reference } = await started.aPendingPayment();

    expect((await payAtSimulator(started.runtime, reference, 'failed')).sent[0]?.reply.MaLoi).toBe('00');
    expect((await payAtSimulator(started.runtime, reference, 'paid')).sent[0]?.reply.MaLoi).toBe('00');

    expect(
      await eventually(async () => {
        const events = await provincePaymentEvents(started.runtime, paymentId);
        return events.length >= 2 ? events : undefined;
      }),
    ).toEqual(['payment.failed:failed', 'payment.succeeded:paid']);
    const rows = await eventually(async () => {
      const found = await nationalPaymentRows(started.runtime, reference);
      return found.length >= 2 ? found : undefined;
    });
    expect(rows.map((row) => row.split(':')[1]?.slice(0, 14))).toEqual(['Thanh toán trự', 'Đã thanh toán ']);
  }, 40_000);

  it('records a late failure after a payment, without applying or relaying it', async () => {
    const { paymentId, reference } = await started.aPendingPayment();
    await payAtSimulator(started.runtime, reference, 'paid');

    const late = await payAtSimulator(started.runtime, reference, 'failed');

    expect(late.sent[0]?.reply.MaLoi).toBe('00');
    const stored = await started.runtime.deps.payments.getPayment(paymentId);
    expect(stored?.state).toBe('paid');
    expect(stored?.recordedOutcomes?.map((outcome) => outcome.event)).toEqual(['declined']);
    await eventually(async () =>
      (await provincePaymentEvents(started.runtime, paymentId)).length > 0 ? true : undefined,
    );
    await settle();
    expect(await provincePaymentEvents(started.runtime, paymentId)).toEqual(['payment.succeeded:paid']);
  }, 40_000);

  it('lets a person pay on the platform’s page, sends the callback, and returns to the province’s URL', async () => {
    const dossier = await started.aSyncedDossier();
    const created = await started.createPayment(aPaymentRequest(dossier.dossierCode));
    const page = await fetch(created.paymentUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('258.000 ₫');

    const submitted = await fetch(created.paymentUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=paid',
      redirect: 'manual',
    });

    expect(submitted.status).toBe(303);
    const back = new URL(submitted.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe('https://motcua.example.vn/payments/return');
    expect(back.searchParams.get('MaLoi')).toBe('00');
    expect((await started.runtime.deps.payments.getPayment(created.paymentId))?.state).toBe('paid');
  });

  it('creates one payment however many identical requests arrive at once, with or without a key', async () => {
    for (const key of [{ 'idempotency-key': 'burst-1' }, {}]) {
      const dossier = await started.aSyncedDossier();
      const request = aPaymentRequest(dossier.dossierCode);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          started.client.post('/v1/payments', request, key as Record<string, string>),
        ),
      );
      const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as {
        paymentId: string;
        code?: string;
      }[];
      const created = bodies.filter((_, index) => answers[index]?.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((body) => body.paymentId)).size).toBe(1);
      for (const [index, answer] of answers.entries()) {
        if (answer.status !== 201)
          expect([answer.status, bodies[index]?.code]).toEqual([409, 'idempotency.inProgress']);
      }
      expect((await started.runtime.deps.payments.listDossierPayments(dossier.dossierCode)).length).toBe(1);
      expect(platformCallsFor(started.runtime, dossier.dossierCode)).toHaveLength(1);
    }
  });

  it('serves the e-receipt of a paid payment as a PDF a reader can open', async () => {
    const { paymentId, reference } = await started.aPendingPayment();
    expect((await started.client.get(`/v1/payments/${paymentId}/receipt`)).status).toBe(409);
    await payAtSimulator(started.runtime, reference);

    const response = await started.client.get(`/v1/payments/${paymentId}/receipt`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(pdf)?.[1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) =>
      Number(match[1]),
    );
    expect(offsets).toHaveLength(6);
    offsets.forEach((offset, index) => {
      expect(pdf.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`);
    });
    expect(pdf).toContain(`(Ma tham chieu: ${reference}) Tj`);
    expect(pdf).toContain('(Tong cong: 258.000 VND) Tj');
  }, 40_000);
});

describe('POST /v1/payments: validation, idempotency and one open payment per dossier', () => {
  it('refuses an amount that is not the sum of the lines, with the field path', async () => {
    const dossier = await started.aSyncedDossier();
    const response = await started.client.post(
      '/v1/payments',
      aPaymentRequest(dossier.dossierCode, { amount: 250_000 }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path)).toContain('$.amount');
  });

  it('refuses fractional VND, an unknown dossier, and a dossier of another province', async () => {
    const dossier = await started.aSyncedDossier();
    const fractional = aPaymentRequest(dossier.dossierCode, {
      lines: [{ code: 'LP01', name: 'Lệ phí', amount: 8000.5 }],
    });
    expect((await started.client.post('/v1/payments', fractional)).status).toBe(400);
    const unknown = await started.client.post('/v1/payments', aPaymentRequest(aDossier().dossierCode));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('dossier.notFound');
    const elsewhere = await started.client.post('/v1/payments', aPaymentRequest('000.00.12.H13-250314-0001'));
    expect(elsewhere.status).toBe(403);
  });

  it('answers a repeat with the same key with the same payment, and the key with another body with 409', async () => {
    const dossier = await started.aSyncedDossier();
    const request = aPaymentRequest(dossier.dossierCode);
    const key = { 'idempotency-key': `pay-${dossier.dossierCode}` };
    const first = await started.createPayment(request, key);
    const repeat = await started.client.post('/v1/payments', request, key);
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(await repeat.json()).toEqual(first);

    const other = await started.client.post('/v1/payments', { ...request, description: 'Khác' }, key);
    expect(other.status).toBe(409);
    expect(((await other.json()) as { code: string }).code).toBe('idempotency.conflict');

    expect(platformCallsFor(started.runtime, dossier.dossierCode)).toHaveLength(1);
  });

  it('answers the same request without a key with the open payment, and another request with 409', async () => {
    const dossier = await started.aSyncedDossier();
    const request = aPaymentRequest(dossier.dossierCode);
    const first = await started.createPayment(request);
    const again = await started.createPayment(request);
    expect(again.paymentId).toBe(first.paymentId);

    const another = await started.client.post(
      '/v1/payments',
      aPaymentRequest(dossier.dossierCode, { description: 'Lần 2' }),
    );
    expect(another.status).toBe(409);
    expect(await another.json()).toMatchObject({ code: 'payment.alreadyOpen', paymentId: first.paymentId });

    // Once the first one settles, the dossier may have a new payment.
    await payAtSimulator(
      started.runtime,
      await referenceOfPayment(started.client, first.paymentId),
      'failed',
    );
    const next = await started.createPayment(aPaymentRequest(dossier.dossierCode, { description: 'Lần 2' }));
    expect(next.paymentId).not.toBe(first.paymentId);
  });

  it('answers 503 with Retry-After when the platform is down, makes nothing visible, and a repeat resumes', async () => {
    const { dossier, request, key, refused } = await requestWhilePlatform('down');

    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { code: string }).code).toBe('payment.platformUnavailable');
    expect(await started.runtime.deps.store.listMessages('province', dossier.dossierCode)).toEqual([]);
    expect(
      (await started.runtime.deps.store.listMessages('national', dossier.dossierCode)).map(
        (message) => message.kind,
      ),
    ).toEqual(['dossier.sync']);
    const listed = await started.runtime.deps.payments.listDossierPayments(dossier.dossierCode);
    expect(listed.map((payment) => payment.state)).toEqual(['initiating']);

    await setFaults(started.runtime.urls.payment, {});
    const resumed = await started.createPayment(request, key);
    expect(resumed.state).toBe('pending');
    expect(resumed.paymentId).toBe(listed[0]?.paymentId);
    const reference = await referenceOfPayment(started.client, resumed.paymentId);
    expect(
      [...started.runtime.simulators.payment.transactions.keys()].filter((known) => known === reference),
    ).toHaveLength(1);
  });

  it('answers a refused INIT with 502, again for a repeat, and frees the dossier for another request', async () => {
    const { dossier, request, key, refused } = await requestWhilePlatform('reject');
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { code: string }).code).toBe('payment.platformRejected');

    await setFaults(started.runtime.urls.payment, {});
    expect((await started.client.post('/v1/payments', request, key)).status).toBe(502);
    const another = await started.client.post(
      '/v1/payments',
      aPaymentRequest(dossier.dossierCode, { description: 'Sửa lại' }),
    );
    expect(another.status).toBe(201);
  });

  it('hides a payment from a client that may not act for its agency', async () => {
    const dossier = await started.aSyncedDossier();
    const created = await started.createPayment(aPaymentRequest(dossier.dossierCode));
    const national = clientOf(
      started.runtime,
      await tokenFor(started.runtime, 'demo-national', 'demo-national-password'),
    );
    expect((await national.get(`/v1/payments/${created.paymentId}`)).status).toBe(403);
    const admin = clientOf(started.runtime, started.admin);
    expect((await admin.get(`/v1/payments/${created.paymentId}`)).status).toBe(200);
    expect((await started.client.get('/v1/payments/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
