import type { Payment } from '../core/payment';
import { decidePaymentMove, isRelayedMove, type PaymentEvent } from '../core/payment-state-machine';
import { toPaymentEventData } from '../core/translate-payment';
import { acceptMessage } from './accept-message';
import { loadDossierFacts } from './load-dossier-facts';
import type { PaymentDependencies } from './payment-dependencies';

/** What the platform said, in the gateway's terms (from a callback or a QUERY). */
export interface PaymentOutcomeFacts {
  readonly platformTransactionId?: string;
  readonly bankCode?: string;
  /** MaLoi of a failed payment. */
  readonly failureCode?: string;
  /** ISO 8601: when the platform settled it; the gateway's clock when absent. */
  readonly at?: string;
  /** Where it came from, for the log and the recorded outcomes: 'callback', 'query', 'poller'. */
  readonly source: string;
}

export type SettlementResult =
  | { readonly outcome: 'applied'; readonly payment: Payment }
  | { readonly outcome: 'duplicate'; readonly payment: Payment }
  | { readonly outcome: 'recorded'; readonly payment: Payment };

/** Concurrent writers to one payment re-read and decide again; this bounds the loop. */
const MAX_RACES = 5;

/**
 * Applies an event to a payment through the state graph, with one conditional write: of any
 * number of identical callbacks and polls arriving together exactly one changes the state, and
 * only that one accepts the relay messages. The others see a duplicate. The state is stored
 * (with `relayPending`) before anything is relayed, so a crash in between is finished by the
 * next duplicate or by the status poller, and the relay's natural key keeps that exactly once.
 */
export async function applyPaymentEvent(
  deps: PaymentDependencies,
  initial: Payment,
  event: PaymentEvent,
  facts: PaymentOutcomeFacts,
): Promise<SettlementResult> {
  let payment = initial;
  for (let race = 0; race < MAX_RACES; race += 1) {
    const move = decidePaymentMove(payment, event, facts);
    const now = deps.clock.now();
    if (move.action === 'duplicate') {
      await finishIfAbandoned(deps, payment, now);
      return { outcome: 'duplicate', payment };
    }
    if (move.action === 'recordOnly') {
      const key = `${event}:${facts.platformTransactionId ?? ''}:${facts.failureCode ?? ''}`;
      const fresh = await deps.payments.recordOutcome(payment.paymentId, key, {
        at: now.toISOString(),
        event,
        detail: `${move.reason} (${facts.source}${facts.platformTransactionId ? `, MaGiaoDich ${facts.platformTransactionId}` : ''}${facts.failureCode ? `, MaLoi ${facts.failureCode}` : ''})`,
      });
      if (fresh) {
        deps.logger.warn('payment outcome recorded, not applied', {
          paymentId: payment.paymentId,
          dossierCode: payment.dossierCode,
          state: payment.state,
          event,
          reason: move.reason,
        });
        if (event === 'confirmed')
          deps.metrics.count('PaymentAnomalies', 1, { paymentId: payment.paymentId });
      }
      return { outcome: 'recorded', payment };
    }

    const relayed = isRelayedMove(move.from, move.to);
    const settled = move.to !== 'pending';
    const updated = await deps.payments.updatePayment(
      payment.paymentId,
      { state: move.from },
      {
        state: move.to,
        stateChangedAt: now.toISOString(),
        ...(settled ? { settledAt: facts.at ?? now.toISOString() } : {}),
        ...(move.to === 'paid' && facts.platformTransactionId
          ? { platformTransactionId: facts.platformTransactionId }
          : {}),
        ...(move.to === 'paid' && facts.bankCode ? { bankCode: facts.bankCode } : {}),
        ...(move.to === 'failed' && facts.failureCode ? { failureCode: facts.failureCode } : {}),
        relayPending: relayed,
        // Still on the poller's list while its relay is pending, in case this process dies now.
        dueAt: relayed
          ? new Date(now.getTime() + deps.paymentSettings.relayRecoveryAfterSeconds * 1000).toISOString()
          : null,
      },
    );
    if (!updated) {
      const current = await deps.payments.getPayment(payment.paymentId);
      if (!current) throw new Error(`payment ${payment.paymentId} vanished`);
      payment = current;
      continue;
    }
    deps.logger.info('payment state changed', {
      paymentId: updated.paymentId,
      dossierCode: updated.dossierCode,
      from: move.from,
      to: move.to,
      event,
      source: facts.source,
    });
    if (relayed) {
      try {
        await finishSettlement(deps, updated);
      } catch (error) {
        // The state is stored: the outcome is acknowledged, and what is left is found again.
        deps.logger.error('payment settled but not relayed yet; the status poller will finish it', {
          paymentId: updated.paymentId,
          dossierCode: updated.dossierCode,
          error: (error as Error).message,
        });
      }
    } else if (settled) {
      await deps.payments.releaseOpenSlot(updated.dossierCode, updated.paymentId);
    }
    return { outcome: 'applied', payment: updated };
  }
  throw new Error(`payment ${initial.paymentId}: too many concurrent changes`);
}

/** A duplicate finishes the winner's work only once the winner had time to do it itself. */
async function finishIfAbandoned(deps: PaymentDependencies, payment: Payment, now: Date): Promise<void> {
  if (!payment.relayPending || !payment.settledAt) return;
  const changedAt = Date.parse(payment.stateChangedAt ?? payment.settledAt);
  if (now.getTime() - changedAt < deps.paymentSettings.relayRecoveryAfterSeconds * 1000) return;
  await finishSettlement(deps, payment);
}

/**
 * Relays a settled payment to the province (webhook) and to the national portal (progress row),
 * each in its dossier's order, then frees the dossier's open-payment slot and takes the payment
 * off the poller's list. Every step may run again: the messages' natural key is the payment and
 * its state, so a repeat is recognised as the message already accepted.
 */
export async function finishSettlement(deps: PaymentDependencies, payment: Payment): Promise<void> {
  const data = toPaymentEventData(payment);
  const dossier = await loadDossierFacts(deps.store, payment.dossierCode);
  const status = dossier?.status ?? 'awaiting_payment';
  const common = {
    dossierCode: payment.dossierCode,
    agencyCode: payment.agencyCode,
    naturalKey: `payment:${payment.paymentId}:${payment.state}`,
    status,
    payload: data,
    traceId: `payment-${payment.paymentId}`,
    requiresExistingDossier: false,
    enforceTransitions: false,
  } as const;
  await acceptMessage(deps, {
    ...common,
    channel: 'province',
    kind: payment.state === 'paid' ? 'payment.succeeded' : 'payment.failed',
  });
  await acceptMessage(deps, { ...common, channel: 'national', kind: 'payment.progress' });
  await deps.payments.releaseOpenSlot(payment.dossierCode, payment.paymentId);
  await deps.payments.updatePayment(
    payment.paymentId,
    { state: payment.state },
    { relayPending: false, dueAt: null },
  );
}
