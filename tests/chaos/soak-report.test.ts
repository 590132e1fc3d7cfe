import { describe, expect, it } from 'vitest';
import { onePerWebhookId, provinceKeys, receiverReport } from '../../bench/soak-report';

const code = '000.00.12.H12-250314-0000';
const webhook = (id: string, type: string, data: Record<string, unknown> = {}) => ({
  headers: { 'webhook-id': id },
  body: { id, type, data: { dossierCode: code, ...data } },
});

describe("the soak's province report", () => {
  it("does not count the deadline watch's own notices as relayed messages (a run at each start sends them)", () => {
    const received = [
      webhook('a', 'dossier.overdue'),
      webhook('b', 'payment.succeeded', { paymentId: 'p1' }),
    ];
    const report = receiverReport(
      new Set([`${code}#payment`]),
      provinceKeys(onePerWebhookId(received)),
      0,
      0,
      0,
    );
    expect(report).toMatchObject({ delivered: 1, duplicatedAtReceiver: 0, duplicatedKeys: [] });
  });

  it('names a message the province got twice under two webhook-ids', () => {
    const received = [
      webhook('a', 'dossier.status_changed', { nationalStatusCode: 4 }),
      webhook('b', 'dossier.status_changed', { nationalStatusCode: 4 }),
      webhook('b', 'dossier.status_changed', { nationalStatusCode: 4 }),
    ];
    const report = receiverReport(
      new Set([`${code}#status-4`]),
      provinceKeys(onePerWebhookId(received)),
      0,
      0,
      0,
    );
    expect(report).toMatchObject({ duplicatedAtReceiver: 1, duplicatedKeys: [`${code}#status-4`] });
  });
});
