import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../functions/core/dossier-message';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aPayment, aStoredMessage } from '../support/fixtures';
import { aSyncedDossier, clientOf, payAtSimulator, setPaymentFaults } from '../support/payments';
import { received } from '../support/receiver';
import { eventually, startTestRuntime, tokenFor } from '../support/test-runtime';

/**
 * Issue 16 item 7: what the gateway accepted before the wire change (597cfa6, ccee39b) still
 * delivers after it, on the emulator-backed runtime. Neither the message item (DOSSIER#<code> /
 * MSG#<channel>#<sequence>) nor the queue envelope (version 1, unchanged since 03432f7) changed
 * with the wire; only payloads grew and the progress item gained `firstStepSequence`. So the
 * messages below are what the code before the change stored and queued: v1 payloads written out
 * here (not built from today's fixtures, which may grow), a status change without results or a
 * supplement, progress without `firstStepSequence`, a failed attempt the old relay recorded,
 * and envelopes sent to SQS as bytes. The new relay must send them in the real wire: the pair
 * for a status change [OCPS VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl.java
 * syncDossierAndDossierStatus] and the look-up keyed `mahoso` [same file, searchDossier].
 */

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime(null, { payments: { queryAfterSeconds: 0, queryEverySeconds: 0 } });
});
afterAll(() => runtime.stop());

/** A v1 dossier as the old code stored it: 4-digit daily sequence, no v1.1 field. */
const v1Dossier = (dossierCode: string, status: string) => ({
  dossierCode,
  version: 1,
  agencyCode: '000.00.12.H12',
  procedureCode: '1.010708.000.00.00.H12',
  procedureName: 'Đăng ký khai sinh',
  fieldCode: 'G03-HT01',
  fieldName: 'Hộ tịch',
  channel: 'online',
  applicant: { type: 'citizen', name: 'Nguyễn Văn An', idNumber: '001203004567' },
  summary: 'Đăng ký khai sinh cho con thứ hai',
  receivedAt: '2025-03-14T08:30:00+07:00',
  dueAt: '2025-03-17T17:00:00+07:00',
  status,
  documents: [{ id: 'doc-1', name: 'Tờ khai', url: 'https://files.example.vn/doc-1.pdf' }],
  fees: [{ code: 'LP01', name: 'Lệ phí đăng ký khai sinh', amount: 8000 }],
});

/** The queue envelope exactly as the code before the change serialised it (sqs-message-queue.ts). */
async function queuedByTheOldCode(queue: string, message: StoredMessage) {
  const { channel, kind: type, messageId, dossierCode, sequence, idempotencyKey, traceId } = message;
  const envelope = { channel, type, version: 1, messageId, dossierCode, sequence, idempotencyKey, traceId };
  await runtime.deps.aws.sqs.send(
    new SendMessageCommand({
      QueueUrl: runtime.queueUrls.get(queue),
      MessageBody: JSON.stringify({ ...envelope, replays: 0 }),
      MessageGroupId: dossierCode,
      MessageDeduplicationId: `${messageId}.0`,
    }),
  );
}

interface PortalBody {
  service: string;
  isUpdating?: string;
  data?: { MaHoSo: string; TrangThaiHoSo?: string; TrangThai?: string }[];
}

/** The writes the portal simulator took for one dossier (it logs writes, not look-ups). */
async function portalCallsFor(dossierCode: string): Promise<string[]> {
  return (await received<PortalBody>(runtime.urls.nationalPortal)).flatMap(({ body }) => {
    const item = body.data?.find((entry) => entry.MaHoSo === dossierCode);
    if (!item) return [];
    return body.service === 'DongBoHoSoMC'
      ? [`update ${body.isUpdating} ${item.TrangThaiHoSo}`]
      : [`row ${item.TrangThai}`];
  });
}

const delivered = (channel: 'national' | 'province', dossierCode: string, count: number) =>
  eventually(async () => {
    const progress = await runtime.deps.store.getDeliveryProgress(channel, dossierCode);
    return progress.deliveredSequence >= count ? progress : undefined;
  }, 30_000);

describe('messages accepted before the wire change', () => {
  it('delivers a queued v1 dossier and a stored v1 status change (an old failed attempt on it) in the real wire', async () => {
    const dossierCode = '000.00.12.H12-250313-0041';
    const first = aStoredMessage(dossierCode, 1, {
      messageId: 'legacy-sync-1',
      status: 'received',
      payload: v1Dossier(dossierCode, 'received'),
      traceId: 'legacy',
    });
    await runtime.deps.store.appendMessage(first);
    await queuedByTheOldCode('to-national.fifo', first);
    await delivered('national', dossierCode, 1);

    // The status change's SQS copy is gone (it was in flight during the upgrade) and the old
    // relay had tried it once: only the table holds it, with the failed attempt.
    const change = aStoredMessage(dossierCode, 2, {
      messageId: 'legacy-status-2',
      kind: 'dossier.status',
      idempotencyKey: 'event:legacy-2',
      naturalKey: 'event:legacy-2',
      status: 'processing',
      traceId: 'legacy',
      payload: {
        eventId: 'legacy-2',
        status: 'processing',
        at: '2025-03-14T09:15:00+07:00',
        handledBy: { name: 'Trần Thị Bình', title: 'Chuyên viên', department: 'Phòng Tư pháp' },
        note: 'Chuyển phòng chuyên môn thẩm định',
        dueAt: '2025-03-18T17:00:00+07:00',
      },
    });
    const { version: _none, ...statusSummary } = change;
    await runtime.deps.store.appendMessage(statusSummary);
    await runtime.deps.store.recordFailedAttempt(change, {
      at: '2025-03-14T02:16:00.000Z',
      outcome: 'failed',
      latencyMs: 10_000,
      detail: 'national.transient: timeout (before the upgrade)',
    });
    const progress = await runtime.deps.store.getDeliveryProgress('national', dossierCode);
    expect(progress).not.toHaveProperty('firstStepSequence');
    await runtime.runSchedule('outbox-sweeper');

    await delivered('national', dossierCode, 2);
    // The old attempt makes the delivery uncertain: the relay asks TraCuuHoSo {mahoso} first (the
    // strict simulator refuses any other key), finds the portal still at 2, and sends the pair.
    expect(await portalCallsFor(dossierCode)).toEqual(['update False 2', 'update True 4', 'row 4']);
    const history = await runtime.deps.store.listHistory('national', dossierCode);
    expect(history[1]?.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'delivered']);
    expect(history[1]?.attempts[1]?.detail).toMatch(/DongBoHoSoMC \(update\).*then CapNhatTienDoHoSoMC/);
    expect(runtime.simulators.nationalPortal.dossiers.get(dossierCode)).toMatchObject({
      TrangThaiHoSo: '4',
      NgayHenTra: '20250318170000',
      // The v1 dossier names no unit: the configured table does [OCPS getGovAgencyName].
      DonViXuLy: 'UBND phường Hoàn Kiếm (demo)',
    });
  }, 45_000);

  it('delivers a national push stored and queued by the old code to the province as a signed webhook', async () => {
    const dossierCode = '000.00.12.H12-250313-0042';
    const push = aStoredMessage(dossierCode, 1, {
      channel: 'province',
      messageId: 'legacy-push-1',
      kind: 'dossier.submitted',
      idempotencyKey: 'submitted:legacy',
      naturalKey: 'submitted:legacy',
      status: 'submitted',
      traceId: 'legacy',
      payload: v1Dossier(dossierCode, 'submitted'),
    });
    const { version: _none, ...summary } = push;
    await runtime.deps.store.appendMessage(summary);
    await queuedByTheOldCode('to-province.fifo', push);

    await delivered('province', dossierCode, 1);
    const webhooks = (
      await received<{ type: string; data: { dossierCode: string } }>(runtime.urls.province)
    ).filter((request) => request.body.data?.dossierCode === dossierCode);
    expect(webhooks.map((request) => request.body.type)).toEqual(['dossier.submitted']);
    expect(webhooks[0]?.headers['webhook-signature']).toMatch(/^v1,/);
  }, 45_000);
});

describe('a payment initiated before the wire change', () => {
  it('is settled by QUERY against the strict simulator although its INIT named the time of the call, not the creation', async () => {
    const client = clientOf(runtime, await tokenFor(runtime));
    const dossier = await aSyncedDossier(runtime, client);
    // The code before ccee39b stamped INIT with the clock of the call, here a resumed INIT five
    // seconds after the creation; since the change QUERY names the creation [TH
    // HuanVu201/DichVuCong_KhoaLuan_PASETO CheckConfirmGiaoDichThanhToanHandler.cs].
    const createdAt = new Date(Date.now() - 10_000);
    const resumedAt = new Date(createdAt.getTime() + 5_000);
    const legacy = aPayment({
      dossierCode: dossier.dossierCode,
      createdAt: createdAt.toISOString(),
      initiatingSince: resumedAt.toISOString(),
    });
    // The INIT as the old adapter sent it: the same message, ThoiGianGD the time of the call.
    const { paymentUrl } = await runtime.deps.paymentPlatform.initiate({
      ...legacy,
      createdAt: resumedAt.toISOString(),
    });
    const pending = {
      ...legacy,
      state: 'pending' as const,
      paymentUrl,
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    };
    expect(await runtime.deps.payments.insertPayment(pending, new Date().toISOString())).toBe(true);
    await runtime.deps.payments.indexPayment(pending);

    await setPaymentFaults(runtime, { dropCallback: true });
    try {
      expect((await payAtSimulator(runtime, legacy.reference)).sent).toEqual([]);
    } finally {
      await setPaymentFaults(runtime, {});
    }
    await runtime.runSchedule('payment-status-poller');

    expect((await runtime.deps.payments.getPayment(legacy.paymentId))?.state).toBe('paid');
  }, 45_000);
});
