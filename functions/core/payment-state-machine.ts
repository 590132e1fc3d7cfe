import { GatewayError } from './gateway-error';
import type { Payment, PaymentState } from './payment';

/**
 * What can happen to a payment: the platform accepts or refuses the INIT, confirms or declines
 * the payment (callback or QUERY), or the gateway closes an unpaid one at its deadline.
 */
export type PaymentEvent = 'initiated' | 'initiationRejected' | 'confirmed' | 'declined' | 'expired';

/**
 * The payment state graph, as data (STYLE.md habit 6; GOV.UK Pay's connector does the same).
 * A cell is the state an event moves a payment to, `duplicate` (already there: nothing to do),
 * or `recordOnly` (kept on the payment for people to see, never applied). A missing cell is an
 * illegal move.
 *
 * `paid` is final: a late `declined` after `paid` is recorded, not applied. A late `confirmed`
 * after `failed` or `expired` is applied: the platform took the citizen's money, and a gateway
 * that ignored it would have the citizen asked to pay a second time.
 */
export const paymentMoves: Readonly<
  Record<PaymentState, Partial<Record<PaymentEvent, PaymentState | 'duplicate' | 'recordOnly'>>>
> = {
  initiating: {
    initiated: 'pending',
    initiationRejected: 'failed',
    confirmed: 'paid',
    declined: 'failed',
    expired: 'expired',
  },
  pending: { initiated: 'duplicate', confirmed: 'paid', declined: 'failed', expired: 'expired' },
  paid: { confirmed: 'duplicate', declined: 'recordOnly' },
  failed: { confirmed: 'paid', declined: 'duplicate', initiationRejected: 'duplicate' },
  expired: { confirmed: 'paid', declined: 'recordOnly', expired: 'duplicate' },
};

export interface OutcomeFacts {
  /** MaGiaoDich of the platform, when it named one. */
  readonly platformTransactionId?: string;
}

export type PaymentMove =
  | { readonly action: 'apply'; readonly from: PaymentState; readonly to: PaymentState }
  | { readonly action: 'duplicate' }
  | { readonly action: 'recordOnly'; readonly reason: string };

/** Decides what an event does to a payment, from the graph; throws on an illegal move. */
export function decidePaymentMove(
  payment: Payment,
  event: PaymentEvent,
  facts: OutcomeFacts = {},
): PaymentMove {
  const cell = paymentMoves[payment.state][event];
  if (cell === undefined) {
    throw new GatewayError(
      'payment.transitionNotAllowed',
      `Giao dịch ${payment.reference} đang ở trạng thái "${payment.state}", không nhận sự kiện "${event}" / ` +
        `Payment ${payment.paymentId} cannot take '${event}' in state '${payment.state}'`,
      { details: { paymentId: payment.paymentId, from: payment.state, event } },
    );
  }
  if (cell === 'recordOnly') {
    return { action: 'recordOnly', reason: `${event} after ${payment.state}: recorded, not applied` };
  }
  if (cell === 'duplicate') {
    // A second confirmation under another platform transaction is not a repeat: the platform
    // may have taken the money twice. Kept for people to see, and for reconciliation.
    if (
      event === 'confirmed' &&
      facts.platformTransactionId &&
      payment.platformTransactionId &&
      facts.platformTransactionId !== payment.platformTransactionId
    ) {
      return {
        action: 'recordOnly',
        reason: `confirmed again under another platform transaction ${facts.platformTransactionId}`,
      };
    }
    return { action: 'duplicate' };
  }
  return { action: 'apply', from: payment.state, to: cell };
}

/**
 * Which outcomes the province and the national portal hear about. A payment that never left
 * `initiating` was never shown to anyone (the caller got an error, not a payment URL), so
 * closing it is not news; anything that reaches `paid` always is.
 */
export function isRelayedMove(from: PaymentState, to: PaymentState): boolean {
  if (to === 'paid') return true;
  return (to === 'failed' || to === 'expired') && from !== 'initiating';
}

/** What the provincial API shows: `initiating` is a pending payment still being set up. */
export function publicPaymentState(state: PaymentState): 'pending' | 'paid' | 'failed' | 'expired' {
  return state === 'initiating' ? 'pending' : state;
}
