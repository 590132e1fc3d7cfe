import { createHash } from 'node:crypto';
import { type FeedbackReplyMessage, type FeedbackView, feedbackSubject } from '../../contracts/feedback';
import { canonicalJson } from '../core/canonical-json';
import {
  applyFeedbackStep,
  FEEDBACK_MESSAGE_STATUS,
  type FeedbackRecord,
  feedbackDueAt,
} from '../core/feedback-item';
import { GatewayError, isGatewayError } from '../core/gateway-error';
import { toVietnamIso } from '../core/vietnam-time';
import type { WorkingCalendar } from '../core/working-calendar';
import type { DossierStore } from '../ports/dossier-store';
import type { FeedbackStore } from '../ports/feedback-store';
import { type AcceptDependencies, type AcceptResult, acceptMessage } from './accept-message';
import { timelineOf } from './get-dossier-view';

export interface ReplyToFeedbackDependencies extends AcceptDependencies {
  readonly feedback: FeedbackStore;
}

/** Bounds the read-decide-write loop of the record's state against concurrent writers. */
const MAX_WRITE_RACES = 8;

function notFound(feedbackId: string): GatewayError {
  return new GatewayError(
    'feedback.notFound',
    `Không có phản ánh ${feedbackId} / No feedback item ${feedbackId}`,
  );
}

/** The item, or 404 when it is unknown or not one of the caller's agencies (ids cannot be probed). */
export async function findFeedback(
  store: FeedbackStore,
  feedbackId: string,
  mayActFor: (agencyCode: string) => boolean,
): Promise<FeedbackRecord> {
  const record = await store.getFeedback(feedbackId);
  if (!record || !mayActFor(record.agencyCode)) throw notFound(feedbackId);
  return record;
}

export interface FeedbackReplyRequest {
  readonly reply: FeedbackReplyMessage;
  /** The step's natural key: `answer:<content>` or `event:<eventId>`. */
  readonly naturalKey: string;
  readonly idempotencyKey?: string;
  readonly traceId: string;
}

/** The natural key of an answer: its content, so the same answer again is a repeat. */
export const answerKey = (reply: FeedbackReplyMessage) =>
  `answer:${createHash('sha256').update(canonicalJson(reply)).digest('base64url').slice(0, 32)}`;

/**
 * A step of the province's handling (the answer included): checked against the item's state,
 * accepted into the item's ordered national channel (relayed exactly once, with the dossiers'
 * retry, parking and replay rules), then set on the record. The message first: a crash before
 * the record's write leaves the state behind, and the province's retry (a repeat of the same
 * key) writes it. A repeat answers the original acceptance whatever the state is now.
 */
export async function replyToFeedback(
  deps: ReplyToFeedbackDependencies,
  record: FeedbackRecord,
  request: FeedbackReplyRequest,
): Promise<{ accepted: AcceptResult; record: FeedbackRecord }> {
  const { reply } = request;
  let moved: FeedbackRecord | undefined;
  try {
    moved = applyFeedbackStep(record, reply, deps.clock.now().toISOString());
  } catch (error) {
    if (!isGatewayError(error, 'feedback.transitionNotAllowed')) throw error;
    const history = await deps.store.listMessages('national', feedbackSubject(record.feedbackId));
    const key = request.idempotencyKey ?? request.naturalKey;
    if (!history.some((message) => message.idempotencyKey === key)) throw error;
  }
  const accepted = await acceptMessage(deps, {
    channel: 'national',
    kind: 'feedback.reply',
    dossierCode: feedbackSubject(record.feedbackId),
    agencyCode: record.agencyCode,
    naturalKey: request.naturalKey,
    ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
    status: FEEDBACK_MESSAGE_STATUS,
    payload: reply,
    traceId: request.traceId,
    requiresExistingDossier: false,
    enforceTransitions: false,
  });
  return { accepted, record: moved ? await saveStep(deps, record, moved, reply) : record };
}

/** Writes the moved record over the one it was read at; on a race, reads and moves again. */
async function saveStep(
  deps: ReplyToFeedbackDependencies,
  read: FeedbackRecord,
  moved: FeedbackRecord,
  reply: FeedbackReplyMessage,
): Promise<FeedbackRecord> {
  let next = moved;
  for (let race = 0; race < MAX_WRITE_RACES; race += 1) {
    if (await deps.feedback.replaceFeedback(next)) return next;
    const current = await deps.feedback.getFeedback(read.feedbackId);
    if (!current) throw notFound(read.feedbackId);
    // Another writer moved it (a concurrent step, a rating counted): apply this step to that.
    if (current.state === reply.state) return current;
    next = applyFeedbackStep(current, reply, deps.clock.now().toISOString());
  }
  throw new GatewayError(
    'dependency.unavailable',
    `too many concurrent writers on feedback ${read.feedbackId}`,
    {
      retryAfterSeconds: 1,
    },
  );
}

/** GET /v1/feedback/{id}: the item's state, next deadline and the timeline of its messages both ways. */
export async function getFeedbackView(
  store: Pick<DossierStore, 'listHistory'>,
  calendar: WorkingCalendar,
  record: FeedbackRecord,
): Promise<FeedbackView> {
  const subject = feedbackSubject(record.feedbackId);
  const [province, national] = await Promise.all([
    store.listHistory('province', subject),
    store.listHistory('national', subject),
  ]);
  const dueAt = feedbackDueAt(record, calendar);
  return {
    feedbackId: record.feedbackId,
    agencyCode: record.agencyCode,
    state: record.state,
    sentAt: record.sentAt,
    ...(dueAt ? { dueAt: toVietnamIso(dueAt) } : {}),
    likes: record.likes,
    dislikes: record.dislikes,
    timeline: [...timelineOf('province', province), ...timelineOf('national', national)].sort((a, b) =>
      a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
    ),
  };
}
