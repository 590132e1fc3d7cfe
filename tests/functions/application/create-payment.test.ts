import { describe, expect, it } from 'vitest';
import { createPayment } from '../../../functions/application/create-payment';
import { GatewayError } from '../../../functions/core/gateway-error';
import { aPaymentRequest } from '../../support/fixtures';
import {
  aCreatedPayment,
  acceptDossier,
  aPaymentWorld,
  h12System,
  type PaymentWorld,
} from '../../support/use-case-fixtures';

/** POST /v1/payments: one open payment per dossier, one platform transaction per attempt. */

const create = (world: PaymentWorld, request: ReturnType<typeof aPaymentRequest>, idempotencyKey?: string) =>
  createPayment(world, {
    request,
    clientId: h12System.clientId,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    authorize: () => undefined,
  });

describe('creating a payment', () => {
  it('stores it before INIT, and answers with the platform’s URL once it is pending', async () => {
    const world = aPaymentWorld();

    const { dossier, payment } = await aCreatedPayment(world);

    expect(payment).toMatchObject({
      state: 'pending',
      amount: 258_000,
      paymentUrl: `https://paygov.example.vn/pay/${payment.reference}`,
      expiresAt: '2025-03-14T02:15:00.000Z',
      agencyName: 'UBND phường Hoàn Kiếm',
    });
    expect(world.paymentPlatform.initiated).toEqual([payment.reference]);
    expect(await world.payments.listDossierPayments(dossier.dossierCode)).toEqual([
      expect.objectContaining({ paymentId: payment.paymentId, state: 'pending' }),
    ]);
  });

  it('answers a repeat of the Idempotency-Key with the same payment and no second INIT', async () => {
    const world = aPaymentWorld();
    const { request, payment } = await aCreatedPayment(world, { idempotencyKey: 'key-1' });

    const repeat = await create(world, request, 'key-1');

    expect(repeat).toMatchObject({ replayed: true, payment: { paymentId: payment.paymentId } });
    expect(world.paymentPlatform.initiated).toHaveLength(1);
  });

  it('refuses the same Idempotency-Key for another request', async () => {
    const world = aPaymentWorld();
    const { request } = await aCreatedPayment(world, { idempotencyKey: 'key-1' });

    const other = create(world, { ...request, returnUrl: 'https://elsewhere.example.vn/' }, 'key-1');

    await expect(other).rejects.toMatchObject({ code: 'idempotency.conflict' });
  });

  it('never gives a payer two open payments for one dossier', async () => {
    const world = aPaymentWorld();
    const { request, payment } = await aCreatedPayment(world);

    const sameAgain = await create(world, request);
    const another = create(world, { ...request, description: 'Một yêu cầu khác' });

    expect(sameAgain.payment.paymentId).toBe(payment.paymentId);
    await expect(another).rejects.toMatchObject({
      code: 'payment.alreadyOpen',
      details: { paymentId: payment.paymentId },
    });
  });

  it('refuses a dossier the gateway does not have, and one the caller may not act for', async () => {
    const world = aPaymentWorld();
    const { dossier } = await acceptDossier(world);
    const forbidden = new GatewayError('auth.forbidden', 'not your agency');

    const unknown = create(world, aPaymentRequest('000.00.12.H12-250314-9999'));
    const notYours = createPayment(world, {
      request: aPaymentRequest(dossier.dossierCode),
      clientId: 'other-province',
      authorize: () => {
        throw forbidden;
      },
    });

    await expect(unknown).rejects.toMatchObject({ code: 'dossier.notFound' });
    await expect(notYours).rejects.toBe(forbidden);
    expect(await world.payments.listDossierPayments(dossier.dossierCode)).toEqual([]);
  });
});

describe('when INIT does not succeed', () => {
  it('fails the payment the platform refuses and frees the dossier for a new attempt', async () => {
    const world = aPaymentWorld();
    const { dossier } = await acceptDossier(world);
    world.paymentPlatform.failNext('payment.platformRejected', '14');

    const refused = create(world, aPaymentRequest(dossier.dossierCode));
    await expect(refused).rejects.toMatchObject({
      code: 'payment.platformRejected',
      details: { platformErrorCode: '14' },
    });
    const retry = await create(world, aPaymentRequest(dossier.dossierCode));

    const states = (await world.payments.listDossierPayments(dossier.dossierCode)).map(
      (payment) => payment.state,
    );
    expect(states.sort()).toEqual(['failed', 'pending']);
    expect(retry.replayed).toBe(false);
  });

  it('keeps an unanswered INIT initiating, and resumes it with the same reference on a repeat', async () => {
    const world = aPaymentWorld();
    const { dossier } = await acceptDossier(world);
    const request = aPaymentRequest(dossier.dossierCode);
    world.paymentPlatform.failNext('payment.platformUnavailable');

    const lost = create(world, request, 'key-1');
    await expect(lost).rejects.toMatchObject({ code: 'payment.platformUnavailable' });
    const resumed = await create(world, request, 'key-1');

    expect(resumed.payment.state).toBe('pending');
    expect(world.paymentPlatform.initiated).toEqual([resumed.payment.reference]);
  });

  it('closes an abandoned initiating payment as expired to make way for a new request', async () => {
    const world = aPaymentWorld();
    const { dossier } = await acceptDossier(world);
    world.paymentPlatform.failNext('payment.platformUnavailable');
    await create(world, aPaymentRequest(dossier.dossierCode)).catch(() => undefined);

    const fresh = await create(world, aPaymentRequest(dossier.dossierCode, { description: 'Lần hai' }));

    const states = (await world.payments.listDossierPayments(dossier.dossierCode)).map(
      (payment) => payment.state,
    );
    expect(states.sort()).toEqual(['expired', 'pending']);
    expect(fresh.payment.state).toBe('pending');
  });
});
