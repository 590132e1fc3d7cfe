import { type PlatformTransaction, platformTransactionStates } from '../../contracts/payment-platform';
import type { ReconciliationEntry } from '../../contracts/reconciliation';
import type { Payment, PaymentState } from './payment';

export type GatewayPaymentFacts = Pick<
  Payment,
  'paymentId' | 'reference' | 'dossierCode' | 'amount' | 'state' | 'platformTransactionId' | 'initiationError'
>;

export interface ReconciliationOutcome {
  readonly matched: number;
  readonly entries: readonly ReconciliationEntry[];
}

/** TrangThaiGD -> the gateway states that agree with it. */
const agreeingStates: Record<string, readonly PaymentState[]> = {
  [platformTransactionStates.paid]: ['paid'],
  [platformTransactionStates.pending]: ['pending', 'initiating'],
  [platformTransactionStates.failed]: ['failed', 'expired'],
};

const platformStateNames: Record<string, string> = {
  [platformTransactionStates.paid]: 'paid',
  [platformTransactionStates.pending]: 'pending',
  [platformTransactionStates.failed]: 'failed',
};

/**
 * Đối soát: the platform's transactions of a day against the gateway's payments of that day,
 * matched by reference (MaThamChieu). Pure; the caller loads both sides.
 *
 * A gateway payment the platform does not list is only a mismatch if it reached the platform:
 * one still `initiating`, or whose INIT was refused, never created a platform transaction.
 * A second platform transaction under one reference is a transaction the gateway has no
 * record of (the platform may have taken the money twice), so it is reported as missing here.
 */
export function reconcileTransactions(
  platform: readonly PlatformTransaction[],
  gateway: readonly GatewayPaymentFacts[],
): ReconciliationOutcome {
  const byReference = new Map(gateway.map((payment) => [payment.reference, payment]));
  const seen = new Set<string>();
  const entries: ReconciliationEntry[] = [];
  let matched = 0;

  for (const transaction of platform) {
    const platformAmount = Number(transaction.SoTien);
    const platformState = platformStateNames[transaction.TrangThaiGD] ?? transaction.TrangThaiGD;
    const payment = byReference.get(transaction.MaThamChieu);
    if (!payment || seen.has(transaction.MaThamChieu)) {
      entries.push({
        kind: 'missingOnGateway',
        reference: transaction.MaThamChieu,
        ...(payment ? { paymentId: payment.paymentId, dossierCode: payment.dossierCode } : {}),
        platformAmount,
        platformState,
        ...(transaction.MaGiaoDich ? { platformTransactionId: transaction.MaGiaoDich } : {}),
      });
      continue;
    }
    seen.add(transaction.MaThamChieu);
    const facts = {
      reference: payment.reference,
      paymentId: payment.paymentId,
      dossierCode: payment.dossierCode,
      gatewayAmount: payment.amount,
      platformAmount,
      gatewayState: payment.state,
      platformState,
      ...(transaction.MaGiaoDich ? { platformTransactionId: transaction.MaGiaoDich } : {}),
    };
    if (platformAmount !== payment.amount) {
      entries.push({ kind: 'amountMismatch', ...facts });
    } else if (!(agreeingStates[transaction.TrangThaiGD] ?? []).includes(payment.state)) {
      entries.push({ kind: 'statusMismatch', ...facts });
    } else {
      matched += 1;
    }
  }

  for (const payment of gateway) {
    if (seen.has(payment.reference)) continue;
    if (payment.state === 'initiating' || payment.initiationError) continue;
    entries.push({
      kind: 'missingOnPlatform',
      reference: payment.reference,
      paymentId: payment.paymentId,
      dossierCode: payment.dossierCode,
      gatewayAmount: payment.amount,
      gatewayState: payment.state,
    });
  }
  return { matched, entries };
}
