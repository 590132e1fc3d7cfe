import type { Payment } from '../../core/payment';
import { vietnamDay } from '../../core/vietnam-time';
import type { OpenPaymentSlot, PaymentKeyClaim, PaymentStore } from '../../ports/payment-store';

interface PaymentEntry {
  payment: Payment;
  /** When the status poller should look at it; absent: not on its list. */
  dueAt?: string;
  /** Keys of outcomes recorded without being applied. */
  recordedKeys: Set<string>;
}

/**
 * The payment store in memory, with the DynamoDB store's rules: a payment changes only from the
 * state a writer expects, an idempotency key and a dossier's open slot each have one holder, a
 * listing may name a payment never stored (it is skipped).
 */
export function createInMemoryPaymentStore(): PaymentStore {
  const payments = new Map<string, PaymentEntry>();
  const keyClaims = new Map<string, PaymentKeyClaim>();
  const openSlots = new Map<string, OpenPaymentSlot>();
  const byDossier = new Map<string, string[]>();
  const byDay = new Map<string, string[]>();

  const listIn = (lists: Map<string, string[]>, key: string, paymentId: string) => {
    const list = lists.get(key) ?? [];
    if (!list.includes(paymentId)) lists.set(key, [...list, paymentId].sort());
  };
  const stored = (ids: readonly string[]) =>
    ids.flatMap((paymentId) => {
      const entry = payments.get(paymentId);
      return entry ? [entry.payment] : [];
    });

  return {
    async getPayment(paymentId) {
      return payments.get(paymentId)?.payment;
    },

    async claimKey(clientId, key, claim) {
      const id = `${clientId}#${key}`;
      const holder = keyClaims.get(id);
      if (holder) return holder;
      const taken = { paymentId: claim.paymentId, requestHash: claim.requestHash };
      keyClaims.set(id, taken);
      return taken;
    },

    async repointKey(clientId, key, from, to) {
      const id = `${clientId}#${key}`;
      const holder = keyClaims.get(id);
      if (holder?.paymentId === from) keyClaims.set(id, { ...holder, paymentId: to });
    },

    async takeOpenSlot(dossierCode, slot) {
      const holder = openSlots.get(dossierCode);
      if (holder && holder.paymentId !== slot.paymentId) return holder;
      openSlots.set(dossierCode, slot);
      return slot;
    },

    async releaseOpenSlot(dossierCode, paymentId) {
      if (openSlots.get(dossierCode)?.paymentId === paymentId) openSlots.delete(dossierCode);
    },

    async indexPayment(payment) {
      listIn(byDossier, payment.dossierCode, payment.paymentId);
      listIn(byDay, vietnamDay(new Date(payment.createdAt)), payment.paymentId);
    },

    async insertPayment(payment, dueAt) {
      if (payments.has(payment.paymentId)) return false;
      payments.set(payment.paymentId, { payment, dueAt, recordedKeys: new Set() });
      return true;
    },

    async updatePayment(paymentId, expected, changes) {
      const entry = payments.get(paymentId);
      if (!entry || entry.payment.state !== expected.state) return undefined;
      if (
        expected.initiatingSince !== undefined &&
        entry.payment.initiatingSince !== expected.initiatingSince
      )
        return undefined;
      const { dueAt, ...fields } = changes;
      const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      const payment: Payment = { ...entry.payment, ...defined };
      const next: PaymentEntry = { ...entry, payment };
      if (dueAt === null) delete next.dueAt;
      if (typeof dueAt === 'string') next.dueAt = dueAt;
      payments.set(paymentId, next);
      return payment;
    },

    async recordOutcome(paymentId, key, outcome) {
      const entry = payments.get(paymentId);
      if (!entry || entry.recordedKeys.has(key)) return false;
      payments.set(paymentId, {
        ...entry,
        payment: { ...entry.payment, recordedOutcomes: [...(entry.payment.recordedOutcomes ?? []), outcome] },
        recordedKeys: new Set([...entry.recordedKeys, key]),
      });
      return true;
    },

    async listDue(dueBefore, limit) {
      return [...payments.values()]
        .flatMap(({ payment, dueAt }) =>
          dueAt !== undefined && `${dueAt}#${payment.paymentId}` < dueBefore
            ? [{ paymentId: payment.paymentId, dueAt }]
            : [],
        )
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))
        .slice(0, limit);
    },

    async listDossierPayments(dossierCode) {
      return stored(byDossier.get(dossierCode) ?? []);
    },

    async listDayPayments(day) {
      return stored(byDay.get(day) ?? []);
    },
  };
}
