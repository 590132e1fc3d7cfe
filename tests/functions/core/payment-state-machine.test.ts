import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../../functions/core/gateway-error';
import type { Payment, PaymentState } from '../../../functions/core/payment';
import {
  decidePaymentMove,
  isRelayedMove,
  type PaymentEvent,
  paymentMoves,
} from '../../../functions/core/payment-state-machine';

function aPayment(state: PaymentState, platformTransactionId?: string): Payment {
  return {
    paymentId: '0f8c2a9e-4b7d-4e1a-9c3b-5d7e9f1a2b3c',
    reference: 'LT0F8C2A9E4B7D4E1A9C3B5D7E9F1A2B3C',
    dossierCode: '000.00.12.H12-250314-0007',
    agencyCode: '000.00.12.H12',
    clientId: 'demo-province',
    requestHash: 'h',
    amount: 8000,
    lines: [{ code: 'LP01', name: 'Lệ phí', amount: 8000 }],
    payer: { name: 'Nguyễn Văn An' },
    returnUrl: 'https://example.vn/return',
    state,
    createdAt: '2025-03-14T01:30:00.000Z',
    initiatingSince: '2025-03-14T01:30:00.000Z',
    ...(platformTransactionId ? { platformTransactionId } : {}),
  };
}

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
    expect(decidePaymentMove(aPayment(from), event)).toEqual({ action: 'apply', from, to });
  });

  it('keeps paid final: a late failure is recorded, not applied', () => {
    expect(decidePaymentMove(aPayment('paid', 'PG1'), 'declined')).toMatchObject({ action: 'recordOnly' });
  });

  it('takes the same outcome again as a duplicate, but a second confirmation under another transaction as an anomaly', () => {
    expect(decidePaymentMove(aPayment('paid', 'PG1'), 'confirmed', { platformTransactionId: 'PG1' })).toEqual(
      {
        action: 'duplicate',
      },
    );
    expect(
      decidePaymentMove(aPayment('paid', 'PG1'), 'confirmed', { platformTransactionId: 'PG2' }),
    ).toMatchObject({
      action: 'recordOnly',
    });
    expect(decidePaymentMove(aPayment('failed'), 'declined')).toEqual({ action: 'duplicate' });
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
        decidePaymentMove(aPayment(from), event);
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
