import type { FeeLine } from '../../contracts/provincial-api';
import type { Payment } from './payment';

export type PayableFees =
  | { readonly verdict: 'nothingToPay' }
  | { readonly verdict: 'payable'; readonly lines: readonly FeeLine[]; readonly reference?: string };

/**
 * What a dossier still has to pay, for the national portal's look-up: the lines of the payment
 * waiting for the payer, if there is one (that is what the payer is asked for); else the fees
 * the latest version of the dossier declares that no paid payment has covered (a line is
 * covered by a paid line with the same code and amount).
 */
export function decidePayableFees(
  declaredFees: readonly FeeLine[],
  payments: readonly Pick<Payment, 'state' | 'lines' | 'reference'>[],
): PayableFees {
  const open = payments.find((payment) => payment.state === 'pending');
  if (open) return { verdict: 'payable', lines: open.lines, reference: open.reference };
  const paid = payments.filter((payment) => payment.state === 'paid').flatMap((payment) => payment.lines);
  const unpaid = declaredFees.filter(
    (fee) => !paid.some((line) => line.code === fee.code && line.amount === fee.amount),
  );
  return unpaid.length > 0 ? { verdict: 'payable', lines: unpaid } : { verdict: 'nothingToPay' };
}
