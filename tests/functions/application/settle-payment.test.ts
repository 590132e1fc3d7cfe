import { describe, expect, it } from 'vitest';
import { applyPaymentEvent } from '../../../functions/application/settle-payment';
import type { Payment } from '../../../functions/core/payment';
import { aCreatedPayment, aPaymentWorld, failing, type PaymentWorld } from '../../support/use-case-fixtures';

/** A payment's outcome through the state graph, then to the province and the portal, once. */

const paidFacts = { source: 'callback', platformTransactionId: 'GD-1', bankCode: 'VCB' };

/** What the province and the portal were told about the payment's dossier. */
const relayed = (world: PaymentWorld) =>
  [...world.queues.province.sent, ...world.queues.national.sent]
    .map((envelope) => envelope.type)
    .filter((type) => type.startsWith('payment'));

const current = async (world: PaymentWorld, payment: Payment) =>
  (await world.payments.getPayment(payment.paymentId)) as Payment;

describe('settling a payment', () => {
  it('marks it paid, tells the province and the portal, and frees the dossier', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);

    const result = await applyPaymentEvent(world, payment, 'confirmed', paidFacts);

    expect(result.outcome).toBe('applied');
    expect(await current(world, payment)).toMatchObject({
      state: 'paid',
      platformTransactionId: 'GD-1',
      relayPending: false,
    });
    expect(relayed(world)).toEqual(['payment.succeeded', 'payment.progress']);
    expect(await world.payments.listDue('2099-01-01T00:00:00.000Z', 10)).toEqual([]);
  });

  it('applies one of many identical outcomes arriving together; the others are duplicates', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);

    const results = await Promise.all(
      [1, 2, 3].map(() => applyPaymentEvent(world, payment, 'confirmed', paidFacts)),
    );

    expect(results.map((result) => result.outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    expect(relayed(world)).toEqual(['payment.succeeded', 'payment.progress']);
  });

  it('records a decline after paid without applying it: paid is final', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);
    const paid = await applyPaymentEvent(world, payment, 'confirmed', paidFacts);

    const late = await applyPaymentEvent(world, paid.payment, 'declined', {
      source: 'query',
      failureCode: '99',
    });

    expect(late.outcome).toBe('recorded');
    expect(await current(world, payment)).toMatchObject({
      state: 'paid',
      recordedOutcomes: [expect.objectContaining({ event: 'declined' })],
    });
  });

  it('flags a second confirmation under another platform transaction as an anomaly', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);
    const paid = await applyPaymentEvent(world, payment, 'confirmed', paidFacts);

    await applyPaymentEvent(world, paid.payment, 'confirmed', {
      ...paidFacts,
      platformTransactionId: 'GD-2',
    });

    expect(world.metrics.total('PaymentAnomalies')).toBe(1);
  });

  it('keeps the outcome when the relay fails, and lets a later duplicate finish it', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);
    const unrelayed = { ...world, store: failing(world.store, 'appendMessage', 'throttled') };

    const result = await applyPaymentEvent(unrelayed, payment, 'confirmed', paidFacts);
    world.clock.advance(world.paymentSettings.relayRecoveryAfterSeconds);
    const later = await applyPaymentEvent(world, result.payment, 'confirmed', paidFacts);

    expect([result.outcome, later.outcome]).toEqual(['applied', 'duplicate']);
    expect(world.logger.at('error')).toHaveLength(1);
    expect(relayed(world)).toEqual(['payment.succeeded', 'payment.progress']);
    expect(await current(world, payment)).toMatchObject({ relayPending: false });
  });
});
