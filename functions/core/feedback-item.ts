import type { DossierStatus } from '../../contracts/dossier-status';
import type { FeedbackReceivedData, FeedbackState } from '../../contracts/feedback';
import { GatewayError } from './gateway-error';
import { feedbackStepDays } from './scorecard/classify-feedback';
import type { ScorecardFeedback } from './scorecard/scorecard-dossier';
import type { WorkingCalendar } from './working-calendar';

/**
 * A feedback item as the gateway keeps it: what the portal sent, where the province's handling
 * stands, and the dates QĐ 766 5.2 judges (the same names as the scorecard reads them).
 */
export interface FeedbackRecord
  extends Omit<ScorecardFeedback, 'likes' | 'dislikes' | 'followUpComplaint' | 'classification'> {
  readonly state: FeedbackState;
  readonly likes: number;
  readonly dislikes: number;
  /** The ratings counted in likes and dislikes: a rating pulled again is not counted again. */
  readonly ratingIds: readonly string[];
  /** The item as the portal sent it (with the citizen's personal data). */
  readonly item: FeedbackReceivedData;
  /** Bumped by every write: the store's conditional writes compare it (no transactions, ADR 0001). */
  readonly revision: number;
  readonly updatedAt: string;
}

/**
 * The `status` a feedback message carries: the message summary has a dossier's status column,
 * which no reader of a feedback subject looks at (listings, dossier views and deadlines skip
 * them, contracts/feedback.ts). One value, so that nothing mistakes it for a decision.
 */
export const FEEDBACK_MESSAGE_STATUS: DossierStatus = 'received';

/** The moves a province may make, as data (STYLE.md habit 6). A missing cell is an illegal move. */
export const feedbackMoves: Readonly<Record<FeedbackState, readonly FeedbackState[]>> = {
  waiting: ['received', 'more_info_requested', 'refused'],
  more_info_requested: ['received', 'more_info_requested', 'refused'],
  received: ['more_info_requested', 'answered'],
  answered: ['published'],
  published: [],
  refused: [],
};

/** The date each step sets on the record [766 5.2]; a repeated request keeps the first. */
const stepDate = {
  received: 'receivedAt',
  more_info_requested: 'supplementRequestedAt',
  refused: 'refusedAt',
  answered: 'answeredAt',
  published: 'publishedAt',
} as const satisfies Partial<Record<FeedbackState, keyof FeedbackRecord>>;

/** The record once a step applies; throws 'feedback.transitionNotAllowed' naming the moves allowed. */
export function applyFeedbackStep(
  record: FeedbackRecord,
  step: { readonly state: Exclude<FeedbackState, 'waiting'>; readonly at: string },
  updatedAt: string,
): FeedbackRecord {
  const allowed = feedbackMoves[record.state];
  if (!allowed.includes(step.state)) {
    throw new GatewayError(
      'feedback.transitionNotAllowed',
      `Phản ánh ${record.feedbackId} đang ở trạng thái ${record.state}, không chuyển sang ${step.state} được / feedback ${record.feedbackId} is ${record.state} and cannot move to ${step.state}`,
      { details: { from: record.state, to: step.state, allowedNext: allowed } },
    );
  }
  const date = stepDate[step.state];
  return {
    ...record,
    state: step.state,
    [date]: record[date] ?? step.at,
    revision: record.revision + 1,
    updatedAt,
  };
}

/** When the item's clock started [766 5.2]: the latest forwarding, else the citizen's sending. */
export const feedbackClockStart = (record: Pick<FeedbackRecord, 'sentAt' | 'forwardedAt'>) =>
  new Date(record.forwardedAt ?? record.sentAt);

/**
 * The deadline of the item's next step: the answer (15 working days from the start) while it is
 * open, the publication (2 after the answer) once answered; none once published or refused.
 */
export function feedbackDueAt(
  record: Pick<FeedbackRecord, 'state' | 'sentAt' | 'forwardedAt' | 'answeredAt'>,
  calendar: WorkingCalendar,
): Date | undefined {
  if (record.state === 'published' || record.state === 'refused') return undefined;
  if (record.state === 'answered' && record.answeredAt) {
    return calendar.addWorkingDays(new Date(record.answeredAt), feedbackStepDays.publish);
  }
  return calendar.addWorkingDays(feedbackClockStart(record), feedbackStepDays.answer);
}

/** A new record for an item the portal sent. */
export function newFeedbackRecord(item: FeedbackReceivedData, at: string): FeedbackRecord {
  return {
    feedbackId: item.feedbackId,
    agencyCode: item.agencyCode,
    sentAt: item.sentAt,
    ...(item.forwardedAt ? { forwardedAt: item.forwardedAt } : {}),
    state: 'waiting',
    likes: 0,
    dislikes: 0,
    ratingIds: [],
    item,
    revision: 1,
    updatedAt: at,
  };
}

/** The record with a rating of its answer counted, or unchanged when that rating was counted before. */
export function countFeedbackRating(
  record: FeedbackRecord,
  rating: { readonly ratingId: string; readonly verdict: 'like' | 'dislike' },
  updatedAt: string,
): FeedbackRecord {
  if (record.ratingIds.includes(rating.ratingId)) return record;
  return {
    ...record,
    likes: record.likes + (rating.verdict === 'like' ? 1 : 0),
    dislikes: record.dislikes + (rating.verdict === 'dislike' ? 1 : 0),
    ratingIds: [...record.ratingIds, rating.ratingId],
    revision: record.revision + 1,
    updatedAt,
  };
}
