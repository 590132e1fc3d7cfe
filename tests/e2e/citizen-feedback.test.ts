import { describe, expect, it } from 'vitest';
import type { FeedbackView } from '../../contracts/feedback';
import { received, setFaults } from '../support/receiver';
import { eventually, eventuallySome, useTestRuntime } from '../support/test-runtime';

/**
 * Issue 23 end to end, through the local runtime and both simulators: the `feedback-pull`
 * schedule reads the national simulator's feedback list on the share endpoint [OCPS
 * VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl.java doSyncSharingQA, extractFAQResult:
 * LayDanhSachHoiDapGuiTuDVCQG, HOIDAPID, NOIDUNG, MADONVI, HOVATEN, THUDIENTU]; the provincial
 * simulator gets each item once as a signed `feedback.received`; the province's answer reaches
 * the national simulator once as DongBoKetQuaHoiDapGuiTuDVCQG, also across a portal outage.
 */
const started = useTestRuntime();

const atNational = (path: string, body: unknown) =>
  fetch(`${started.runtime.urls.nationalPortal}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

interface Webhook {
  type: string;
  id: string;
  data: { feedbackId?: string; ratingId?: string; citizen?: { name: string } };
}

const feedbackWebhooks = async () =>
  (await received<Webhook>(started.runtime.urls.province)).filter(
    (request) => request.body.type === 'feedback.received' || request.body.type === 'rating.received',
  );

interface ReplyCall {
  service: string;
  data: { HOIDAPID: string; TRANGTHAI: string; NOIDUNGTRALOI: string }[];
}
const repliesTo = async (feedbackId: string) =>
  (await received<ReplyCall>(started.runtime.urls.nationalPortal))
    .filter((request) => request.body.service === 'DongBoKetQuaHoiDapGuiTuDVCQG')
    .flatMap((request) => request.body.data)
    .filter((row) => row.HOIDAPID === feedbackId);

const view = async (feedbackId: string) => {
  const response = await fetch(`${started.runtime.urls.gateway}/v1/feedback/${feedbackId}`, {
    headers: { authorization: `Bearer ${started.token}` },
  });
  return { status: response.status, body: (await response.json()) as FeedbackView & { errors?: unknown } };
};

describe('citizen feedback through the local runtime', () => {
  it('delivers the portal’s feedback once, relays the answer once, and shows the timeline', async () => {
    // The simulator's sample: three items for H12 agencies and one rating of a dossier.
    await started.runtime.runSchedule('feedback-pull');
    await started.runtime.runSchedule('feedback-pull');

    const webhooks = await eventually(async () => {
      const found = await feedbackWebhooks();
      return found.length >= 4 ? found : undefined;
    });
    expect(
      webhooks.map((request) => request.body.data.feedbackId ?? request.body.data.ratingId).sort(),
    ).toEqual(['240118', '240131', '240152', 'DG-250120-0001']);
    // Signed per Standard Webhooks, with the citizen as the portal named them.
    expect(webhooks[0]?.headers['webhook-signature']).toMatch(/^v1,/);
    expect(
      webhooks.find((request) => request.body.data.feedbackId === '240118')?.body.data.citizen?.name,
    ).toBe('Lê Văn Cường');

    const step = await started.post('/v1/feedback/240118/state', {
      eventId: 'pakn-240118-tiep-nhan',
      state: 'received',
      at: '2025-01-15T14:00:00+07:00',
      handledBy: { name: 'Trần Văn Bình', title: 'Chuyên viên' },
    });
    expect(step.status, await step.clone().text()).toBe(202);
    // The portal is down when the answer comes: it waits, in order, and goes once the portal is back.
    await eventuallySome(() => repliesTo('240118'));
    await setFaults(started.runtime.urls.nationalPortal, { down: true });
    const answer = {
      answer:
        'UBND phường đã trả kết quả đăng ký khai sinh cho ông ngày 16/01/2025. Xin lỗi ông vì sự chậm trễ.',
      answeredBy: { name: 'Nguyễn Thị Hoa', title: 'Phó Chủ tịch' },
      answeredAt: '2025-01-16T09:00:00+07:00',
    };
    const answered = await started.post('/v1/feedback/240118/answer', answer);
    expect(answered.status, await answered.clone().text()).toBe(202);
    expect(await answered.json()).toMatchObject({ feedbackId: '240118', state: 'answered' });
    // The same answer again (the province's retry) is the same acceptance.
    expect(
      (await started.post('/v1/feedback/240118/answer', answer)).headers.get('idempotent-replayed'),
    ).toBe('true');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await setFaults(started.runtime.urls.nationalPortal, {});

    const rows = await eventually(async () => {
      const found = await repliesTo('240118');
      return found.length >= 2 ? found : undefined;
    }, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await repliesTo('240118')).map((row) => row.TRANGTHAI)).toEqual(['2', '5']);
    expect(rows[1]?.NOIDUNGTRALOI).toBe(answer.answer);

    const shown = await eventually(async () => {
      const current = await view('240118');
      return current.body.timeline?.some(
        (entry) =>
          entry.kind === 'feedback.reply' &&
          entry.outcome === 'delivered' &&
          entry.detail.includes('answered'),
      )
        ? current
        : undefined;
    });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      feedbackId: '240118',
      agencyCode: '000.00.12.H12',
      state: 'answered',
    });
    expect(shown.body.dueAt).toBeDefined();
    expect(
      (await feedbackWebhooks()).filter((request) => request.body.data.feedbackId === '240118'),
    ).toHaveLength(1);
  }, 60_000);

  it('answers 404 for an unknown item and 400 with field paths for a bad answer', async () => {
    const unknown = await started.post('/v1/feedback/999999/answer', {
      answer: 'x',
      answeredBy: { name: 'A' },
      answeredAt: '2025-01-16T09:00:00+07:00',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await unknown.json()) as { code: string }).code).toBe('feedback.notFound');

    await atNational('/_sim/feedback', {
      feedback: [
        {
          HOIDAPID: 250001,
          TIEUDE: '',
          NOIDUNG: 'Đề nghị niêm yết công khai lệ phí.',
          MADONVI: '000.00.10.H12',
          TENDONVI: 'Sở Tư pháp (demo H12)',
          MALINHVUC: '',
          MATTHCDP: '',
          MAHOSO: '',
          HOVATEN: 'Đỗ Thị Lan',
          THUDIENTU: '',
          SODIENTHOAI: '',
          DIACHI: '',
          TRANGTHAI: '1',
          NGAYGUI: '20250120080000',
          NGAYCHUYEN: '',
          TRALOIID: 0,
          NOIDUNGTRALOI: '',
        },
      ],
    });
    await started.runtime.runSchedule('feedback-pull');
    const bad = await started.post('/v1/feedback/250001/answer', { answer: '', answeredAt: 'hôm qua' });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual([
      '$.answer',
      '$.answeredAt',
      '$.answeredBy',
    ]);
    // Answering before reception: the state machine says which steps are allowed.
    const early = await started.post('/v1/feedback/250001/answer', {
      answer: 'Sở đã niêm yết.',
      answeredBy: { name: 'Vũ Minh' },
      answeredAt: '2025-01-21T09:00:00+07:00',
    });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { code: string }).code).toBe('feedback.transitionNotAllowed');
  }, 30_000);

  it('tells the province once when an item is overdue [766 5.2: answer within 15 working days]', async () => {
    // Sent on 16 January 2025 and never received: long past its 15 working days by 2025-03-03.
    await started.runtime.runSchedule('feedback-pull');
    await started.runtime.runSchedule('deadline-watch', { time: '2025-03-03T02:00:00Z' });
    await started.runtime.runSchedule('deadline-watch', { time: '2025-03-04T02:00:00Z' });

    const notices = await eventually(async () => {
      const found = (
        await received<Webhook & { data: { step?: string } }>(started.runtime.urls.province)
      ).filter(
        (request) => request.body.type === 'feedback.overdue' && request.body.data.feedbackId === '240131',
      );
      return found.length > 0 ? found : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(
      (await received<Webhook>(started.runtime.urls.province)).filter(
        (request) => request.body.type === 'feedback.overdue' && request.body.data.feedbackId === '240131',
      ),
    ).toHaveLength(1);
    expect(notices[0]?.body.data).toMatchObject({ step: 'answer', state: 'waiting' });
  }, 30_000);
});
