import { isGatewayError } from '../core/gateway-error';
import type { Payment } from '../core/payment';
import type { PaymentDependencies } from './payment-dependencies';
import { applyPaymentEvent, finishSettlement } from './settle-payment';

export interface PollSummary {
  readonly examined: number;
  readonly settled: number;
  readonly finished: number;
  readonly failures: number;
}

/**
 * Missed callbacks (DESIGN.md flow 3): every payment on the poller's list whose time has come
 * is asked about with QUERY, and the answer is applied exactly as a callback would be. An
 * unpaid payment past its deadline is closed as expired, but only after the platform said it
 * was not paid; a settled payment whose relay was interrupted is finished.
 */
export async function pollOpenPayments(
  deps: PaymentDependencies,
  options: { limit: number },
): Promise<PollSummary> {
  const now = deps.clock.now();
  const due = await deps.payments.listDue(now.toISOString(), options.limit);
  let settled = 0;
  let finished = 0;
  let failures = 0;
  for (const { paymentId } of due) {
    try {
      const payment = await deps.payments.getPayment(paymentId);
      if (!payment) continue;
      const outcome = await pollOne(deps, payment);
      if (outcome === 'settled') settled += 1;
      if (outcome === 'finished') finished += 1;
    } catch (error) {
      failures += 1;
      deps.logger.warn('payment status poll failed; next run tries again', {
        paymentId,
        code: isGatewayError(error) ? error.code : 'unexpected',
        error: (error as Error).message,
      });
    }
  }
  if (due.length > 0) {
    deps.logger.info('payment status poll', { examined: due.length, settled, finished, failures });
  }
  return { examined: due.length, settled, finished, failures };
}

async function pollOne(
  deps: PaymentDependencies,
  payment: Payment,
): Promise<'settled' | 'finished' | 'waiting'> {
  const settings = deps.paymentSettings;
  const now = deps.clock.now();
  if (payment.state !== 'initiating' && payment.state !== 'pending') {
    if (payment.relayPending) {
      await finishSettlement(deps, payment);
      return 'finished';
    }
    await deps.payments.updatePayment(payment.paymentId, { state: payment.state }, { dueAt: null });
    return 'finished';
  }
  if (payment.state === 'initiating') {
    const inFlightFor = now.getTime() - Date.parse(payment.initiatingSince);
    if (inFlightFor < settings.initiationTimeoutSeconds * 1000) {
      await reschedule(
        deps,
        payment,
        Date.parse(payment.initiatingSince) + settings.initiationTimeoutSeconds * 1000,
      );
      return 'waiting';
    }
  }

  let status: Awaited<ReturnType<PaymentDependencies['paymentPlatform']['query']>>;
  try {
    status = await deps.paymentPlatform.query(payment);
  } catch (error) {
    await reschedule(deps, payment, now.getTime() + settings.queryEverySeconds * 1000);
    throw error;
  }
  const facts = {
    source: 'query',
    ...(status?.platformTransactionId ? { platformTransactionId: status.platformTransactionId } : {}),
    ...(status?.bankCode ? { bankCode: status.bankCode } : {}),
    ...(status?.at ? { at: status.at } : {}),
  };
  if (status?.state === 'paid') {
    if (status.amount !== undefined && status.amount !== payment.amount) {
      await deps.payments.recordOutcome(payment.paymentId, `query-amount:${status.amount}`, {
        at: now.toISOString(),
        event: 'confirmed',
        detail: `QUERY says paid ${status.amount} VND, expected ${payment.amount}: not applied`,
      });
      deps.metrics.count('PaymentAnomalies', 1, { paymentId: payment.paymentId });
      await reschedule(deps, payment, now.getTime() + settings.queryEverySeconds * 1000);
      return 'waiting';
    }
    await applyPaymentEvent(deps, payment, 'confirmed', facts);
    return 'settled';
  }
  if (status?.state === 'failed') {
    await applyPaymentEvent(deps, payment, 'declined', { ...facts, failureCode: 'QUERY-4' });
    return 'settled';
  }
  // Pending on the platform, or unknown to it: closed once its time is up, else asked again later.
  const deadline = payment.expiresAt
    ? Date.parse(payment.expiresAt)
    : Date.parse(payment.createdAt) + settings.lifetimeSeconds * 1000;
  if (now.getTime() >= deadline) {
    await applyPaymentEvent(deps, payment, 'expired', { source: 'poller', at: now.toISOString() });
    return 'settled';
  }
  await reschedule(deps, payment, Math.min(deadline, now.getTime() + settings.queryEverySeconds * 1000));
  return 'waiting';
}

async function reschedule(deps: PaymentDependencies, payment: Payment, at: number): Promise<void> {
  await deps.payments.updatePayment(
    payment.paymentId,
    { state: payment.state },
    { dueAt: new Date(at).toISOString() },
  );
}
