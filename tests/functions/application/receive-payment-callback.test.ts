import { describe, expect, it } from 'vitest';
import { checksumValues } from '../../../contracts/payment-platform';
import { receivePaymentCallback } from '../../../functions/application/receive-payment-callback';
import type { Payment } from '../../../functions/core/payment';
import { computeDocumentChecksum } from '../../../functions/core/payment-checksum';
import {
  aCreatedPayment,
  aPaymentWorld,
  aSignedCallback,
  failing,
  type PaymentWorld,
  paymentSettings,
} from '../../support/use-case-fixtures';

/**
 * The platform's callback: only a CALLBACK message whose MaXacThuc verifies settles a payment
 * (DOMAIN.md, payment protocol 1.0.6; [TH] ConfirmDvcPaymentCommandHandler for the echoed reply).
 */

const receive = (world: PaymentWorld, body: unknown) =>
  receivePaymentCallback(world, body, { remoteAddress: '203.0.113.7' });

const stateOf = async (world: PaymentWorld, payment: Payment) =>
  (await world.payments.getPayment(payment.paymentId))?.state;

/** The refusals logged as security events, by event name. */
const securityEvents = (world: PaymentWorld) =>
  world.logger
    .at('warn')
    .filter((entry) => entry.fields.securityEvent === true)
    .map((entry) => entry.fields.event);

/**
 * A body whose checksum is valid over the `|`-joined text although a value holds `|`: what an
 * attacker holding another message's checksum can build by shifting fields (issue 17).
 */
function aShiftedCallback(payment: Payment) {
  const body = { ...aSignedCallback(payment), ThongTinGiaoDich: 'x|00' };
  const [secret = ''] = paymentSettings.secrets;
  const joined = checksumValues('CALLBACK', body).join('|');
  return { ...body, MaXacThuc: computeDocumentChecksum(joined, secret) };
}

describe('a genuine callback', () => {
  it('settles the payment and echoes the request’s time and checksum', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);
    const callback = aSignedCallback(payment);

    const answer = await receive(world, callback);

    expect(answer).toEqual({
      httpStatus: 200,
      reply: expect.objectContaining({
        MaLoi: '00',
        ThoiGianGD: callback.ThoiGianGD,
        MaXacThuc: callback.MaXacThuc,
      }),
    });
    expect(await stateOf(world, payment)).toBe('paid');
    expect(world.queues.province.sent.map((envelope) => envelope.type)).toEqual(['payment.succeeded']);
  });

  it('acknowledges a repeat without telling anyone twice', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);
    await receive(world, aSignedCallback(payment));

    const repeat = await receive(world, aSignedCallback(payment));

    expect(repeat.reply.MaLoi).toBe('00');
    expect(world.queues.province.sent).toHaveLength(1);
  });

  it('fails the payment on a decline code', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);

    await receive(world, aSignedCallback(payment, { MaLoi: '24', MaGiaoDich: '' }));

    expect(await world.payments.getPayment(payment.paymentId)).toMatchObject({
      state: 'failed',
      failureCode: '24',
    });
  });
});

describe('a callback that must not settle anything', () => {
  const forgeries = [
    [
      'a wrong checksum',
      '01',
      'payment.checksumMismatch',
      (payment: Payment) => ({
        ...aSignedCallback(payment),
        MaXacThuc: 'ab'.repeat(32),
      }),
    ],
    [
      'another message type, even with that type’s valid checksum',
      '04',
      'payment.callbackForged',
      (payment: Payment) => aSignedCallback(payment, { LoaiBanTin: 'INIT' }),
    ],
    [
      'a signed value holding the separator: shifted fields cannot verify (issue 17)',
      '04',
      'payment.callbackForged',
      aShiftedCallback,
    ],
  ] as const;

  it.each(forgeries)('is refused for %s, as a security event', async (_case, code, event, forge) => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);

    const answer = await receive(world, forge(payment));

    expect(answer.reply.MaLoi).toBe(code);
    expect(await stateOf(world, payment)).toBe('pending');
    expect(securityEvents(world)).toEqual([event]);
  });

  it('is refused from another partner, for an unknown reference, or outside the time window', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);

    const answers = await Promise.all([
      receive(world, aSignedCallback(payment, { MaDoiTac: 'OTHER' })),
      receive(world, aSignedCallback(payment, { MaThamChieu: 'LT00000000000040008000999999999999' })),
      receive(world, aSignedCallback(payment, { ThoiGianGD: '20250101090000' })),
    ]);

    expect(answers.map((answer) => answer.reply.MaLoi)).toEqual(['04', '02', '04']);
    expect(await stateOf(world, payment)).toBe('pending');
  });

  it('keeps a callback with the wrong amount as an anomaly and does not apply it', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);

    const answer = await receive(world, aSignedCallback(payment, { SoTien: 1000 }));

    expect(answer.reply.MaLoi).toBe('03');
    expect(await world.payments.getPayment(payment.paymentId)).toMatchObject({
      state: 'pending',
      recordedOutcomes: [expect.objectContaining({ event: 'confirmed' })],
    });
    expect(world.metrics.total('PaymentAnomalies')).toBe(1);
  });

  it('asks the platform to send it again (HTTP 500) when nothing could be stored', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);
    const down = { ...world, payments: failing(world.payments, 'getPayment', 'table unavailable') };

    const answer = await receive(down, aSignedCallback(payment));

    expect(answer).toMatchObject({ httpStatus: 500, reply: { MaLoi: '99' } });
  });
});
