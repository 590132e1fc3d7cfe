import { describe, expect, it } from 'vitest';
import { pollOpenPayments } from '../../../functions/application/poll-open-payments';
import { applyPaymentEvent } from '../../../functions/application/settle-payment';
import type { Payment } from '../../../functions/core/payment';
import { aCreatedPayment, aPaymentWorld, failing, type PaymentWorld } from '../../support/use-case-fixtures';

/** Missed callbacks (DESIGN.md flow 3): the poller asks the platform and applies its answer. */

const poll = (world: PaymentWorld) => pollOpenPayments(world, { limit: 50 });

const stateOf = async (world: PaymentWorld, payment: Payment) =>
  (await world.payments.getPayment(payment.paymentId))?.state;

/** A pending payment whose first QUERY is due (five minutes after its creation). */
async function aPaymentDueForQuery(world: PaymentWorld) {
  const created = await aCreatedPayment(world);
  world.clock.advance(world.paymentSettings.queryAfterSeconds + 1);
  return created.payment;
}

describe('polling open payments', () => {
  it('settles a payment the platform says is paid, as a callback would', async () => {
    const world = aPaymentWorld();
    const payment = await aPaymentDueForQuery(world);
    world.paymentPlatform.settle(payment.reference, { state: 'paid', at: '2025-03-14T02:03:00.000Z' });

    const summary = await poll(world);

    expect(summary).toEqual({ examined: 1, settled: 1, finished: 0, failures: 0 });
    expect(await world.payments.getPayment(payment.paymentId)).toMatchObject({
      state: 'paid',
      settledAt: '2025-03-14T02:03:00.000Z',
    });
    expect(world.queues.province.sent.map((envelope) => envelope.type)).toEqual(['payment.succeeded']);
  });

  it('asks again later about a payment still pending, and leaves it alone until then', async () => {
    const world = aPaymentWorld();
    await aPaymentDueForQuery(world);

    const first = await poll(world);
    const second = await poll(world);

    expect([first.examined, second.examined]).toEqual([1, 0]);
  });

  it('closes an unpaid payment as expired once its time is up and the platform says it was not paid', async () => {
    const world = aPaymentWorld();
    const payment = await aPaymentDueForQuery(world);
    world.clock.advance(world.paymentSettings.lifetimeSeconds);

    await poll(world);

    expect(await stateOf(world, payment)).toBe('expired');
    expect(world.queues.province.sent.map((envelope) => envelope.type)).toEqual(['payment.failed']);
  });

  it('counts a QUERY that fails and tries again on the next run', async () => {
    const world = aPaymentWorld();
    const payment = await aPaymentDueForQuery(world);
    world.paymentPlatform.failNext('payment.platformUnavailable');

    const failed = await poll(world);
    world.clock.advance(world.paymentSettings.queryEverySeconds + 1);
    world.paymentPlatform.settle(payment.reference, { state: 'paid', at: '2025-03-14T02:12:00.000Z' });
    const retried = await poll(world);

    expect([failed.failures, retried.settled]).toEqual([1, 1]);
    expect(world.logger.at('warn')).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ code: 'payment.platformUnavailable' }) }),
    ]);
  });

  it('does not apply a "paid" for another amount: it is kept as an anomaly', async () => {
    const world = aPaymentWorld();
    const payment = await aPaymentDueForQuery(world);
    world.paymentPlatform.settle(payment.reference, {
      state: 'paid',
      at: '2025-03-14T02:03:00.000Z',
      amount: 1,
    });

    await poll(world);

    expect(await stateOf(world, payment)).toBe('pending');
    expect(world.metrics.total('PaymentAnomalies')).toBe(1);
  });

  it('finishes the relay of a payment settled before a crash', async () => {
    const world = aPaymentWorld();
    const payment = await aPaymentDueForQuery(world);
    const crashed = { ...world, store: failing(world.store, 'appendMessage', 'crash') };
    await applyPaymentEvent(crashed, payment, 'confirmed', { source: 'callback' });
    world.clock.advance(world.paymentSettings.relayRecoveryAfterSeconds + 1);

    const summary = await poll(world);

    expect(summary.finished).toBe(1);
    expect(world.queues.national.sent.map((envelope) => envelope.type)).toContain('payment.progress');
  });
});
