import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbPaymentStore } from '../../../functions/adapters/dynamodb-payment-store';
import { createInMemoryPaymentStore } from '../../../functions/adapters/in-memory/payment-store';
import type { PaymentStore } from '../../../functions/ports/payment-store';
import { useGatewayTable } from '../../support/dynamodb-table';
import { aPayment } from '../../support/fixtures';
import { inMemoryAndDynamoDb } from '../../support/port-contracts';

/** The PaymentStore contract, against the in-memory store and the DynamoDB store on dynalite. */
const table = useGatewayTable();
const implementations = inMemoryAndDynamoDb<PaymentStore>(
  table,
  () => createInMemoryPaymentStore(),
  ({ documents, tableName }) => createDynamoDbPaymentStore(documents, { tableName, dueShards: 2 }),
);

describe.each(implementations)('payment store contract: $name', ({ create }) => {
  let store: PaymentStore;
  beforeAll(() => {
    store = create();
  });

  it('stores a payment once, and changes its state only from the state a writer expects', async () => {
    const payment = aPayment();
    expect(await store.insertPayment(payment, '2025-03-14T01:31:00.000Z')).toBe(true);
    expect(await store.insertPayment({ ...payment, amount: 1 }, '2025-03-14T01:31:00.000Z')).toBe(false);

    const racers = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.updatePayment(payment.paymentId, { state: 'initiating' }, { state: 'pending' }),
      ),
    );
    expect(racers.filter(Boolean)).toHaveLength(1);
    expect(
      await store.updatePayment(payment.paymentId, { state: 'initiating' }, { state: 'failed' }),
    ).toBeUndefined();
    expect(await store.getPayment(payment.paymentId)).toMatchObject({ state: 'pending', amount: 8000 });
  });

  it('lets one writer claim an in-flight INIT by its start time', async () => {
    const payment = aPayment();
    await store.insertPayment(payment, '2025-03-14T01:31:00.000Z');
    const claims = await Promise.all(
      ['a', 'b', 'c'].map((who) =>
        store.updatePayment(
          payment.paymentId,
          { state: 'initiating', initiatingSince: payment.initiatingSince },
          { initiatingSince: `2025-03-14T01:40:00.000Z-${who}` },
        ),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('gives an idempotency key to its first claimer only', async () => {
    const first = await store.claimKey('demo-province', 'key-1', {
      paymentId: 'p1',
      requestHash: 'h1',
      at: 'now',
    });
    const second = await store.claimKey('demo-province', 'key-1', {
      paymentId: 'p2',
      requestHash: 'h2',
      at: 'now',
    });
    const otherClient = await store.claimKey('other', 'key-1', {
      paymentId: 'p3',
      requestHash: 'h3',
      at: 'now',
    });
    expect([first, second, otherClient]).toEqual([
      { paymentId: 'p1', requestHash: 'h1' },
      { paymentId: 'p1', requestHash: 'h1' },
      { paymentId: 'p3', requestHash: 'h3' },
    ]);
    await store.repointKey('demo-province', 'key-1', 'p9', 'p4');
    expect(
      (await store.claimKey('demo-province', 'key-1', { paymentId: 'x', requestHash: 'x', at: 'x' }))
        .paymentId,
    ).toBe('p1');
    await store.repointKey('demo-province', 'key-1', 'p1', 'p4');
    expect(
      (await store.claimKey('demo-province', 'key-1', { paymentId: 'x', requestHash: 'x', at: 'x' }))
        .paymentId,
    ).toBe('p4');
  });

  it('keeps one open payment per dossier until its holder frees the slot', async () => {
    const dossier = '000.00.12.H12-250315-0001';
    const slot = (paymentId: string) => ({ paymentId, requestHash: `h-${paymentId}`, takenAt: 'now' });
    const taken = await Promise.all(['a', 'b', 'c'].map((id) => store.takeOpenSlot(dossier, slot(id))));
    const holder = taken.find((answer, index) => answer.paymentId === ['a', 'b', 'c'][index]);
    expect(taken.every((answer) => answer.paymentId === holder?.paymentId)).toBe(true);
    await store.releaseOpenSlot(dossier, 'not-the-holder');
    expect((await store.takeOpenSlot(dossier, slot('d'))).paymentId).toBe(holder?.paymentId);
    await store.releaseOpenSlot(dossier, holder?.paymentId ?? '');
    expect((await store.takeOpenSlot(dossier, slot('d'))).paymentId).toBe('d');
  });

  it('records an outcome that is not applied once, however often it comes', async () => {
    const payment = aPayment({ state: 'paid' });
    await store.insertPayment(payment, '2025-03-14T01:31:00.000Z');
    const outcome = { at: 'now', event: 'declined', detail: 'late failure' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store.recordOutcome(payment.paymentId, 'declined:x', outcome)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.getPayment(payment.paymentId))?.recordedOutcomes).toEqual([outcome]);
  });

  it('lists payments due for the poller, and takes them off the list with the state change', async () => {
    const early = aPayment();
    const late = aPayment();
    await store.insertPayment(early, '2030-01-01T00:00:00.000Z');
    await store.insertPayment(late, '2030-01-01T00:10:00.000Z');
    const due = (before: string) =>
      store
        .listDue(before, 100)
        .then((list) =>
          list.map((entry) => entry.paymentId).filter((id) => [early.paymentId, late.paymentId].includes(id)),
        );
    expect(await due('2030-01-01T00:05:00.000Z')).toEqual([early.paymentId]);
    expect(await due('2030-01-01T00:15:00.000Z')).toEqual([early.paymentId, late.paymentId]);
    await store.updatePayment(early.paymentId, { state: 'initiating' }, { state: 'expired', dueAt: null });
    expect(await due('2030-01-01T00:15:00.000Z')).toEqual([late.paymentId]);
  });

  it('lists a dossier’s and a day’s payments, skipping index entries of payments never stored', async () => {
    const stored = aPayment({ createdAt: '2025-03-19T18:00:00.000Z' });
    const orphan = aPayment({ dossierCode: stored.dossierCode, createdAt: '2025-03-19T18:00:00.000Z' });
    await store.indexPayment(stored);
    await store.indexPayment(orphan);
    await store.insertPayment(stored, '2030-01-01T00:00:00.000Z');
    expect((await store.listDossierPayments(stored.dossierCode)).map((payment) => payment.paymentId)).toEqual(
      [stored.paymentId],
    );
    // 18:00 UTC is 01:00 the next day in Vietnam.
    expect((await store.listDayPayments('2025-03-20')).map((payment) => payment.paymentId)).toContain(
      stored.paymentId,
    );
    expect(await store.listDayPayments('2025-03-19')).toEqual([]);
  });
});
