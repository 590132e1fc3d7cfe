import type { PaymentView } from '../../../contracts/provincial-payments';
import type { Payment } from '../../core/payment';
import { publicPaymentState } from '../../core/payment-state-machine';
import { toVietnamIso } from '../../core/vietnam-time';

/** Public times are ISO 8601 on the Vietnam clock with its offset (DESIGN.md, public contract). */
export const toPublicTime = (value: string) => toVietnamIso(new Date(value));

/** A payment as the provincial API shows it (GET /v1/payments/{id}, and in a dossier's view). */
export function paymentViewOf(payment: Payment): PaymentView {
  const settled = payment.state !== 'pending' && payment.state !== 'initiating';
  return {
    paymentId: payment.paymentId,
    dossierCode: payment.dossierCode,
    amount: payment.amount,
    state: publicPaymentState(payment.state),
    reference: payment.reference,
    ...(payment.state === 'paid' && payment.platformTransactionId
      ? { platformTransactionId: payment.platformTransactionId }
      : {}),
    lines: payment.lines.map((line) => ({ ...line })),
    createdAt: toPublicTime(payment.createdAt),
    ...(payment.expiresAt ? { expiresAt: toPublicTime(payment.expiresAt) } : {}),
    ...(settled && payment.settledAt ? { settledAt: toPublicTime(payment.settledAt) } : {}),
  };
}
