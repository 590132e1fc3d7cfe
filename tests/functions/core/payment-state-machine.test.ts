import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../../functions/core/gateway-error';
import type { PaymentState } from '../../../functions/core/payment';
import {
  decidePaymentMove,
  isRelayedMove,
  type PaymentEvent,
  paymentMoves,
} from '../../../functions/core/payment-state-machine';
import { aPayment } from '../../support/fixtures';

const paymentIn = (state: PaymentState, platformTransactionId?: string) =>
  aPayment({ state, ...(platformTransactionId ? { platformTransactionId } : {}) });

describe('the payment state graph', () => {
  it.each([
    ['pending', 'confirmed', 'paid'],
    ['pending', 'declined', 'failed'],
    ['pending', 'expired', 'expired'],
    ['initiating', 'initiated', 'pending'],
    ['initiating', 'initiationRejected', 'failed'],
    ['failed', 'confirmed', 'paid'],
    ['expired', 'confirmed', 'paid'],
  ] as const)('moves %s by %s to %s', (from, event, to) => {
    expect(decidePaymentMove(paymentIn(from), event)).toEqual({ action: 'apply', from, to });
  });

  it('keeps paid final: a late failure is recorded, not applied', () => {
    expect(decidePaymentMove(paymentIn('paid', 'PG1'), 'declined')).toMatchObject({ action: 'recordOnly' });
  });

  it('takes the same outcome again as a duplicate, but a second confirmation under another transaction as an anomaly', () => {
    expect(
      decidePaymentMove(paymentIn('paid', 'PG1'), 'confirmed', { platformTransactionId: 'PG1' }),
    ).toEqual({
      action: 'duplicate',
    });
    expect(
      decidePaymentMove(paymentIn('paid', 'PG1'), 'confirmed', { platformTransactionId: 'PG2' }),
    ).toMatchObject({
      action: 'recordOnly',
    });
    expect(decidePaymentMove(paymentIn('failed'), 'declined')).toEqual({ action: 'duplicate' });
  });

  it('refuses an illegal move with a typed error naming it', () => {
    const illegal: [PaymentState, PaymentEvent][] = [
      ['paid', 'expired'],
      ['paid', 'initiated'],
      ['failed', 'expired'],
      ['expired', 'initiated'],
    ];
    for (const [from, event] of illegal) {
      expect(paymentMoves[from][event]).toBeUndefined();
      try {
        decidePaymentMove(paymentIn(from), event);
        expect.unreachable(`${from} --${event}--> should be refused`);
      } catch (error) {
        expect(isGatewayError(error, 'payment.transitionNotAllowed')).toBe(true);
        expect((error as Error).message).toContain(`'${event}' in state '${from}'`);
      }
    }
  });

  it('relays every payment that ends paid, and failures only of payments someone was shown', () => {
    expect(isRelayedMove('pending', 'paid')).toBe(true);
    expect(isRelayedMove('initiating', 'paid')).toBe(true);
    expect(isRelayedMove('pending', 'failed')).toBe(true);
    expect(isRelayedMove('pending', 'expired')).toBe(true);
    expect(isRelayedMove('initiating', 'failed')).toBe(false);
    expect(isRelayedMove('initiating', 'expired')).toBe(false);
    expect(isRelayedMove('initiating', 'pending')).toBe(false);
  });
});
