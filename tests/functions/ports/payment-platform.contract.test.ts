import { describe, expect, it } from 'vitest';
import { createInMemoryPaymentPlatform } from '../../../functions/adapters/in-memory/payment-platform';
import { createPaygovPaymentPlatform } from '../../../functions/adapters/paygov-payment-platform';
import type { PaymentPlatform } from '../../../functions/ports/payment-platform';
import { demoPaymentPartner } from '../../../infra/local/demo-credentials';
import { createPaymentPlatformSimulator } from '../../../infra/simulators/payment-platform-simulator';
import { aPayment } from '../../support/fixtures';
import type { Implementation } from '../../support/port-contracts';
import { rejection } from '../../support/refusal';

/**
 * The PaymentPlatform contract (ADR 0002): the in-memory platform the use-case tests run on, and
 * the PayGov adapter talking to the platform simulator (infra/simulators), in process.
 */
interface PlatformUnderContract {
  readonly platform: PaymentPlatform;
  /** The payer pays, or cancels, on the platform's page. */
  pay(reference: string, outcome: 'paid' | 'failed'): Promise<void>;
  /** From now on (at least for the next call) the platform is down, or declines the request. */
  fail(kind: 'unavailable' | 'declined'): Promise<void>;
}

const now = new Date('2025-03-14T01:40:00.000Z');

const implementations: Implementation<PlatformUnderContract>[] = [
  {
    name: 'in memory',
    create: () => {
      const platform = createInMemoryPaymentPlatform();
      return {
        platform,
        async pay(reference, outcome) {
          platform.settle(reference, { state: outcome, at: '2025-03-14T01:35:00.000Z' });
        },
        async fail(kind) {
          platform.failNext(
            kind === 'unavailable' ? 'payment.platformUnavailable' : 'payment.platformRejected',
          );
        },
      };
    },
  },
  {
    name: 'PayGov adapter + platform simulator',
    create: () => {
      const simulator = createPaymentPlatformSimulator({
        ...demoPaymentPartner,
        callbackUrl: () => undefined,
        now: () => now,
      });
      const control = (path: string, body: unknown) =>
        simulator.app.request(path, { method: 'POST', body: JSON.stringify(body) });
      const platform = createPaygovPaymentPlatform({
        baseUrl: 'http://paygov.test/',
        partnerCode: demoPaymentPartner.partnerCode,
        secrets: [demoPaymentPartner.secret],
        apiToken: demoPaymentPartner.apiToken,
        serviceCode: '2',
        channelCode: '1',
        deviceCode: '1',
        ip: '127.0.0.1',
        timeoutMs: 2000,
        now: () => now,
        fetch: async (input, init) => simulator.app.request(new URL(String(input)).pathname, init),
      });
      return {
        platform,
        async pay(reference, outcome) {
          expect((await control(`/_sim/pay/${reference}`, { outcome })).status).toBe(200);
        },
        async fail(kind) {
          const faults = kind === 'unavailable' ? { failRate: 1, failStatus: 503 } : { reject: true };
          expect((await control('/_sim/faults', faults)).status).toBe(200);
        },
      };
    },
  },
];

describe.each(implementations)('payment platform contract: $name', ({ create }) => {
  it('answers the same reference initiated twice with the same payment URL', async () => {
    const { platform } = create();
    const payment = aPayment();

    const first = await platform.initiate(payment);
    const again = await platform.initiate(payment);

    expect(first.paymentUrl).toMatch(/^https?:\/\/.+/);
    expect(again).toEqual(first);
    expect((await platform.initiate(aPayment())).paymentUrl).not.toBe(first.paymentUrl);
  });

  it('says pending for an initiated payment nobody paid, and nothing about a reference it never took', async () => {
    const { platform } = create();
    const payment = aPayment();
    await platform.initiate(payment);

    expect(await platform.query(payment)).toMatchObject({ state: 'pending' });
    expect(await platform.query(aPayment())).toBeUndefined();
  });

  it('says paid, with the amount and its transaction id, once the payer paid, and lists it on its day', async () => {
    const { platform, pay } = create();
    const payment = aPayment({ amount: 8000 });
    await platform.initiate(payment);

    await pay(payment.reference, 'paid');

    const status = await platform.query(payment);
    expect(status).toMatchObject({ state: 'paid', amount: 8000 });
    expect(status?.platformTransactionId).toMatch(/\S/);
    const listed = await platform.listTransactions('2025-03-14');
    expect(listed.map((row) => [row.MaThamChieu, row.TrangThaiGD])).toEqual([[payment.reference, '1']]);
    expect(await platform.listTransactions('2025-03-15')).toEqual([]);
  });

  it('says failed once the payer cancelled', async () => {
    const { platform, pay } = create();
    const payment = aPayment();
    await platform.initiate(payment);

    await pay(payment.reference, 'failed');

    expect(await platform.query(payment)).toMatchObject({ state: 'failed' });
  });

  it('hands out the receipt of a paid payment as a PDF, and refuses one for a payment not paid', async () => {
    const { platform, pay } = create();
    const paid = aPayment();
    const unpaid = aPayment();
    await platform.initiate(paid);
    await platform.initiate(unpaid);
    await pay(paid.reference, 'paid');

    const receipt = await platform.getBill(paid);

    expect(new TextDecoder().decode(receipt.slice(0, 5))).toBe('%PDF-');
    expect((await rejection(platform.getBill(unpaid))).code).toBe('payment.platformRejected');
  });

  it('tells an outage (try again later) from a refusal', async () => {
    const down = create();
    await down.fail('unavailable');
    expect((await rejection(down.platform.initiate(aPayment()))).code).toBe('payment.platformUnavailable');

    const declining = create();
    await declining.fail('declined');
    expect((await rejection(declining.platform.initiate(aPayment()))).code).toBe('payment.platformRejected');
  });
});
