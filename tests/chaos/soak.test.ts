import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/soak-run';

describe('short chaos soak (the long one is npm run soak)', () => {
  it('loses nothing, duplicates nothing and keeps order at every receiver through SIGKILL, an outage and flaky receivers', async () => {
    const report = await runSoak({
      dossiers: 24,
      payments: 4,
      pushes: 4,
      feedback: 4,
      concurrency: 6,
      repeatShare: 0.2,
      kills: 1,
      outageSeconds: 3,
      drainTimeoutSeconds: 120,
      callbackDelayMs: 300,
    });
    expect(report.duplicateTrace).toEqual([]);
    expect(report.kills).toBe(1);
    expect(report.refused).toBe(0);
    // Per dossier: its sync, each of five status changes as an update and a row; 4 payment rows;
    // per feedback item its reception and its answer (issue 23).
    expect(report.nationalPortal.accepted).toBe(24 * (1 + 5 * 2) + 4 + 4 * 2);
    // Per push a dossier and three changes; 4 payments; 4 feedback items.
    expect(report.province.accepted).toBe(4 * 4 + 4 + 4);
    expect(report.paymentPlatform).toMatchObject({
      created: 4,
      paidAtPlatform: 4,
      chargedTwice: 0,
      relayedExactlyOnce: 4,
      duplicatedAtReceiver: 0,
    });
    // Three copies of each callback at least: the platform's duplicates reached the gateway.
    expect(report.paymentPlatform.callbacksSent).toBeGreaterThanOrEqual(4 * 3);
    for (const receiver of [report.nationalPortal, report.province]) {
      expect(receiver.lost).toBe(0);
      expect(receiver.duplicatedKeys).toEqual([]);
      expect(receiver.duplicatedAtReceiver).toBe(0);
      expect(receiver.outOfOrder).toBe(0);
      expect(receiver.delivered + receiver.parked).toBe(receiver.accepted);
    }
  }, 240_000);
});
