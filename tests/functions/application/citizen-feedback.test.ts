import { describe, expect, it } from 'vitest';
import type { FeedbackReceivedData } from '../../../contracts/feedback';
import { nationalErrorCodes } from '../../../contracts/national-portal';
import { queueEnvelopeSchema } from '../../../contracts/queue-envelope';
import { createInMemoryFeedbackStore } from '../../../functions/adapters/in-memory/feedback-store';
import { createInMemoryNationalFeedback } from '../../../functions/adapters/in-memory/national-feedback';
import { createNationalDeliverer } from '../../../functions/application/deliver-to-national';
import { pullFeedback, receiveRating } from '../../../functions/application/receive-feedback';
import {
  answerKey,
  findFeedback,
  getFeedbackView,
  replyToFeedback,
} from '../../../functions/application/reply-to-feedback';
import { isGatewayError } from '../../../functions/core/gateway-error';
import { testCalendar } from '../../support/scorecard-dossiers';
import { aGatewayWorld, H12, relayQueue } from '../../support/use-case-fixtures';

const anItem = (overrides: Partial<FeedbackReceivedData> = {}): FeedbackReceivedData => ({
  feedbackId: '240118',
  agencyCode: H12,
  title: 'Chậm trả kết quả đăng ký khai sinh',
  content: 'Đến nay chưa nhận được kết quả.',
  citizen: { name: 'Lê Văn Cường', phone: '0912345678', email: 'cuong.le@example.vn' },
  sentAt: '2025-03-14T09:15:00+07:00',
  ...overrides,
});

function aFeedbackWorld() {
  const world = aGatewayWorld();
  const feedback = createInMemoryFeedbackStore();
  const nationalFeedback = createInMemoryNationalFeedback();
  const deps = { ...world, feedback, nationalFeedback };
  const deliverers = {
    ...world.deliverers,
    national: createNationalDeliverer({
      portal: world.portal,
      store: world.store,
      agencyNames: world.agencyNames,
      logger: world.logger,
      feedback: nationalFeedback,
    }),
  };
  return { ...deps, deliverers, world: { ...world, deliverers } };
}

const answer = (feedbackId: string, text = 'Phường đã trả kết quả ngày 17/03/2025.') =>
  ({
    feedbackId,
    state: 'answered',
    at: '2025-03-17T10:00:00+07:00',
    handledBy: { name: 'Nguyễn Thị Hoa', title: 'Phó Chủ tịch' },
    answer: text,
  }) as const;

const received = (feedbackId: string) =>
  ({
    feedbackId,
    state: 'received',
    at: '2025-03-14T14:00:00+07:00',
    handledBy: { name: 'Trần Văn Bình' },
  }) as const;

describe('citizen feedback from the national portal', () => {
  it('stores a pulled item and delivers it once as feedback.received, however often it is pulled', async () => {
    const { world, ...deps } = aFeedbackWorld();
    deps.nationalFeedback.feedback.push(anItem());

    const first = await pullFeedback(deps, 'pull-1');
    const second = await pullFeedback(deps, 'pull-2');
    await relayQueue(world, 'province');

    expect(first).toMatchObject({ feedback: 1, accepted: 1, unowned: 0 });
    expect(second).toMatchObject({ feedback: 1, accepted: 0 });
    expect(world.webhooks.delivered.map((sent) => sent.event.type)).toEqual(['feedback.received']);
    expect(world.webhooks.delivered[0]?.event.data).toMatchObject({ feedbackId: '240118', agencyCode: H12 });
    expect((await deps.feedback.getFeedback('240118'))?.state).toBe('waiting');
  });

  it('leaves an item no connected system owns at the portal, counted, and delivers nothing', async () => {
    const { world, ...deps } = aFeedbackWorld();
    deps.nationalFeedback.feedback.push(anItem({ agencyCode: '000.00.12.H56' }));

    const report = await pullFeedback(deps, 'pull');

    expect(report).toMatchObject({ accepted: 0, unowned: 1 });
    expect(world.queues.province.sent).toHaveLength(0);
    expect(await deps.feedback.getFeedback('240118')).toBeUndefined();
  });

  it('delivers a rating after its item, in the item’s channel, and counts it once', async () => {
    const { world, ...deps } = aFeedbackWorld();
    deps.nationalFeedback.feedback.push(anItem());
    deps.nationalFeedback.ratings.push({
      ratingId: 'DG-1',
      agencyCode: H12,
      feedbackId: '240118',
      verdict: 'dislike',
      ratedAt: '2025-03-20T10:00:00+07:00',
    });

    await pullFeedback(deps, 'pull-1');
    await pullFeedback(deps, 'pull-2');
    await relayQueue(world, 'province');

    expect(world.webhooks.delivered.map((sent) => sent.event.type)).toEqual([
      'feedback.received',
      'rating.received',
    ]);
    expect(new Set(world.queues.province.sent.map((sent) => sent.dossierCode))).toEqual(
      new Set(['PAKN.240118']),
    );
    expect(await deps.feedback.getFeedback('240118')).toMatchObject({ likes: 0, dislikes: 1 });
  });

  it('keeps a rating of a dossier for the scorecard and delivers it in that dossier’s rating channel', async () => {
    const { world, ...deps } = aFeedbackWorld();
    const dossierCode = `${H12}-250314-0001`;

    await receiveRating(
      deps,
      {
        ratingId: 'DG-2',
        agencyCode: H12,
        dossierCode,
        verdict: 'dislike',
        ratedAt: '2025-03-20T10:00:00+07:00',
      },
      'push',
    );

    expect(await deps.feedback.listDossierRatings()).toEqual([expect.objectContaining({ ratingId: 'DG-2' })]);
    expect(world.queues.province.sent.map((sent) => sent.dossierCode)).toEqual([`DANHGIA.${dossierCode}`]);
  });
});

describe('the province’s handling, relayed to the national portal', () => {
  async function aReceivedItem() {
    const feedbackWorld = aFeedbackWorld();
    feedbackWorld.nationalFeedback.feedback.push(anItem());
    await pullFeedback(feedbackWorld, 'pull');
    return feedbackWorld;
  }
  const mayAct = () => true;

  /** The province receives the item, then answers it: two steps accepted, in that order. */
  async function receiveThenAnswer(deps: Awaited<ReturnType<typeof aReceivedItem>>) {
    const record = await findFeedback(deps.feedback, '240118', mayAct);
    const step = await replyToFeedback(deps, record, {
      reply: received('240118'),
      naturalKey: 'event:e1',
      traceId: 't',
    });
    const reply = answer('240118');
    await replyToFeedback(deps, step.record, { reply, naturalKey: answerKey(reply), traceId: 't' });
    return reply;
  }

  it('relays each step once and in order, and moves the item through them', async () => {
    const feedbackWorld = await aReceivedItem();
    const { world, ...deps } = feedbackWorld;
    const reply = await receiveThenAnswer(feedbackWorld);
    // The province sends the same answer again (a timeout on its side): a repeat, not a new step.
    const again = await replyToFeedback(deps, await findFeedback(deps.feedback, '240118', mayAct), {
      reply,
      naturalKey: answerKey(reply),
      traceId: 't',
    });

    // The repeat's re-enqueue is the same delivery: the queue's deduplication drops it.
    expect(await relayQueue(world, 'national')).toEqual(['#1 delivered', '#2 delivered']);
    expect(again.accepted.replayed).toBe(true);
    expect(deps.nationalFeedback.replies.map((sent) => sent.state)).toEqual(['received', 'answered']);
    expect(await deps.feedback.getFeedback('240118')).toMatchObject({
      state: 'answered',
      receivedAt: '2025-03-14T14:00:00+07:00',
      answeredAt: '2025-03-17T10:00:00+07:00',
    });
  });

  it('refuses an answer before reception with the moves allowed, and queues nothing', async () => {
    const { world, ...deps } = await aReceivedItem();
    const record = await findFeedback(deps.feedback, '240118', mayAct);
    const reply = answer('240118');

    const refusal = await replyToFeedback(deps, record, {
      reply,
      naturalKey: answerKey(reply),
      traceId: 't',
    }).catch((error: unknown) => error);

    expect(isGatewayError(refusal, 'feedback.transitionNotAllowed')).toBe(true);
    expect((refusal as { details: unknown }).details).toMatchObject({
      allowedNext: ['received', 'more_info_requested', 'refused'],
    });
    expect(world.queues.national.sent).toHaveLength(0);
  });

  it('parks a step the portal rejects, and holds the later ones behind it', async () => {
    const feedbackWorld = await aReceivedItem();
    const { world, ...deps } = feedbackWorld;
    await receiveThenAnswer(feedbackWorld);
    deps.nationalFeedback.failNextReply(nationalErrorCodes.wrongData);

    expect(await relayQueue(world, 'national')).toEqual(['#1 parked', '#2 held']);
    expect(deps.nationalFeedback.replies).toHaveLength(0);
    expect(
      (await world.store.listFailedMessages({ queue: world.queues.national.name, limit: 10 })).items,
    ).toEqual([
      expect.objectContaining({ dossierCode: 'PAKN.240118', kind: 'feedback.reply', reason: 'rejected' }),
    ]);
  });

  it('answers 404 for an unknown item and for another agency’s', async () => {
    const { ...deps } = await aReceivedItem();

    const unknown = await findFeedback(deps.feedback, 'nope', mayAct).catch((error: unknown) => error);
    const hidden = await findFeedback(deps.feedback, '240118', () => false).catch((error: unknown) => error);

    expect(isGatewayError(unknown, 'feedback.notFound')).toBe(true);
    expect(isGatewayError(hidden, 'feedback.notFound')).toBe(true);
  });

  it('shows the state, the next deadline (15 working days) and both directions in the timeline', async () => {
    const { world, ...deps } = await aReceivedItem();
    await relayQueue(world, 'province');

    const view = await getFeedbackView(
      world.store,
      testCalendar,
      await findFeedback(deps.feedback, '240118', mayAct),
    );

    expect(view).toMatchObject({ feedbackId: '240118', state: 'waiting', likes: 0, dislikes: 0 });
    // Friday 14 March 2025 + 15 working days = Friday 4 April (no holiday between in the test calendar).
    expect(view.dueAt).toBe('2025-04-04T09:15:00+07:00');
    expect(view.timeline.map((entry) => `${entry.direction} ${entry.kind} ${entry.outcome}`)).toEqual([
      'to_province feedback.received accepted',
      'to_province feedback.received delivered',
    ]);
  });
});

describe('the queue envelope', () => {
  it('still reads an envelope queued before feedback existed, and reads a feedback subject', () => {
    const older = {
      channel: 'national',
      type: 'dossier.sync',
      version: 1,
      messageId: 'm1',
      dossierCode: `${H12}-250314-0001`,
      sequence: 1,
      idempotencyKey: 'version:1',
      traceId: 't',
      replays: 0,
    };
    expect(queueEnvelopeSchema.parse(older)).toEqual(older);
    expect(
      queueEnvelopeSchema.parse({ ...older, type: 'feedback.reply', dossierCode: 'PAKN.240118' }).dossierCode,
    ).toBe('PAKN.240118');
    expect(queueEnvelopeSchema.safeParse({ ...older, dossierCode: 'PAKN.' }).success).toBe(false);
  });
});
