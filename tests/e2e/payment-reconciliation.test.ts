import { describe, expect, it, vi } from 'vitest';
import { clientOf, payAtSimulator, usePaymentRuntime } from '../support/payments';

/**
 * Reconciliation (đối soát) end to end: the gateway's payments of a Vietnam day against the
 * platform simulator's transactions, on demand and by the daily schedule.
 */

// Polls as soon as asked: schedules are off, so a dropped callback stays a mismatch.
const started = usePaymentRuntime({ payments: { queryAfterSeconds: 0, queryEverySeconds: 0 } });

describe('reconciliation (đối soát)', () => {
  it('reports matched payments and every kind of mismatch, raises the metric, and keeps the report', async () => {
    const admin = clientOf(started.runtime, started.admin);
    const metrics = vi.spyOn(started.runtime.deps.metrics, 'count');
    const paid = await started.aPendingPayment();
    await payAtSimulator(started.runtime, paid.reference);
    // Paid on the platform, but the callback never came: a status mismatch until the poller runs.
    const silent = await started.aPendingPayment();
    await started.paymentFaults({ dropCallback: true });
    await payAtSimulator(started.runtime, silent.reference);
    await started.paymentFaults({});
    // A platform transaction the gateway never made.
    const stray = started.runtime.simulators.payment.transactions.get(paid.reference);
    if (!stray) throw new Error('the simulator lost a transaction');
    started.runtime.simulators.payment.transactions.set('LTFFFFFFFF000040008000000000000001', {
      ...stray,
      reference: 'LTFFFFFFFF000040008000000000000001',
    });
    // A gateway payment the platform does not list.
    const missing = await started.aPendingPayment();
    started.runtime.simulators.payment.transactions.delete(missing.reference);
    const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

    const response = await admin.post('/v1/admin/reconciliation-runs', { day });

    expect(response.status).toBe(201);
    const report = (await response.json()) as {
      reportId: string;
      matched: number;
      mismatches: number;
      byKind: Record<string, number>;
      entries: { kind: string; reference: string }[];
    };
    const kindOf = (reference: string) => report.entries.find((entry) => entry.reference === reference)?.kind;
    expect(kindOf(paid.reference)).toBeUndefined();
    expect(kindOf(silent.reference)).toBe('statusMismatch');
    expect(kindOf('LTFFFFFFFF000040008000000000000001')).toBe('missingOnGateway');
    expect(kindOf(missing.reference)).toBe('missingOnPlatform');
    expect(report.matched).toBeGreaterThanOrEqual(1);
    expect(report.mismatches).toBe(report.entries.length);
    expect(metrics).toHaveBeenCalledWith('ReconciliationMismatches', report.mismatches, expect.any(Object));

    const listed = (await (
      await admin.get(`/v1/admin/reconciliation-reports?from=${day}&to=${day}`)
    ).json()) as {
      items: { reportId: string }[];
    };
    expect(listed.items.map((item) => item.reportId)).toContain(report.reportId);
    const stored = (await (
      await admin.get(`/v1/admin/reconciliation-reports/${report.reportId}`)
    ).json()) as {
      entries: unknown[];
    };
    expect(stored.entries).toHaveLength(report.entries.length);
    expect((await started.client.get('/v1/admin/reconciliation-reports')).status).toBe(403);
    expect((await admin.get('/v1/admin/reconciliation-reports/nope')).status).toBe(404);
  }, 30_000);

  it('runs the daily schedule for the previous day', async () => {
    const result = (await started.runtime.runSchedule('payment-reconciliation')) as {
      day: string;
      mismatches: number;
    };
    const yesterday = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    expect(result).toMatchObject({ day: yesterday, mismatches: 0 });
  });
});
