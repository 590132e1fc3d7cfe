import { describe, expect, it } from 'vitest';
import { reconcilePayments } from '../../../functions/application/reconcile-payments';
import { aCreatedPayment, aPaymentWorld } from '../../support/use-case-fixtures';

/** Đối soát of one Vietnam day: the platform's list against the gateway's payments. */

const run = { day: '2025-03-14', trigger: 'schedule', requestedBy: 'scheduler' } as const;

describe('reconciling a day', () => {
  it('writes a clean report when both sides agree, and counts no mismatch', async () => {
    const world = aPaymentWorld();
    await aCreatedPayment(world);
    await aCreatedPayment(world);

    const report = await reconcilePayments(world, run);

    expect(report).toMatchObject({ platformTransactions: 2, gatewayPayments: 2, matched: 2, mismatches: 0 });
    expect(await world.reconciliationReports.get(report.reportId)).toEqual(report);
    expect(world.metrics.total('ReconciliationMismatches')).toBe(0);
  });

  it('reports a payment the platform has as paid while the gateway still waits (a missed callback)', async () => {
    const world = aPaymentWorld();
    const { payment } = await aCreatedPayment(world);
    world.paymentPlatform.settle(payment.reference, { state: 'paid', at: '2025-03-14T02:05:00.000Z' });

    const report = await reconcilePayments(world, run);

    expect(report.entries).toEqual([
      expect.objectContaining({
        kind: 'statusMismatch',
        reference: payment.reference,
        gatewayState: 'pending',
        platformState: 'paid',
      }),
    ]);
    expect(report.byKind.statusMismatch).toBe(1);
    expect(world.metrics.total('ReconciliationMismatches')).toBe(1);
  });

  it('leaves other days out', async () => {
    const world = aPaymentWorld();
    await aCreatedPayment(world);

    const report = await reconcilePayments(world, { ...run, day: '2025-03-15' });

    expect(report).toMatchObject({ platformTransactions: 0, gatewayPayments: 0, mismatches: 0 });
  });
});
