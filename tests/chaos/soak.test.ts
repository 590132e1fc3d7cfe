import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/soak-run';

describe('short chaos soak (the long one is npm run soak)', () => {
  it('loses nothing, duplicates nothing and keeps order through SIGKILL, an outage and flaky receivers', async () => {
    const report = await runSoak({
      dossiers: 24,
      concurrency: 6,
      repeatShare: 0.2,
      kills: 1,
      outageSeconds: 3,
      drainTimeoutSeconds: 120,
    });
    expect(report.kills).toBe(1);
    expect(report.accepted).toBe(24 * 6);
    expect(report.lost).toBe(0);
    expect(report.duplicatedAtReceiver).toBe(0);
    expect(report.outOfOrder).toBe(0);
    expect(report.delivered + report.parked).toBe(report.accepted);
  }, 240_000);
});
