import {
  type FeedbackDeadlineNoticeData,
  type FeedbackState,
  feedbackSubject,
} from '../../contracts/feedback';
import { FEEDBACK_MESSAGE_STATUS, type FeedbackRecord, feedbackDueAt } from '../core/feedback-item';
import { isGatewayError } from '../core/gateway-error';
import { toVietnamIso } from '../core/vietnam-time';
import type { FeedbackStore } from '../ports/feedback-store';
import { acceptMessage } from './accept-message';
import type { DeadlineWatchDependencies } from './watch-deadlines';

export interface FeedbackDeadlineDependencies
  extends Pick<
    DeadlineWatchDependencies,
    'store' | 'queues' | 'clock' | 'newId' | 'logger' | 'calendar' | 'deadlines'
  > {
  readonly feedback: FeedbackStore;
}

export interface FeedbackDeadlineReport {
  readonly looked: number;
  readonly dueSoon: number;
  readonly overdue: number;
}

/** The states whose next step has a deadline [766 5.2]. */
const OPEN_STATES: readonly FeedbackState[] = ['waiting', 'received', 'more_info_requested', 'answered'];

async function openItems(deps: FeedbackDeadlineDependencies): Promise<FeedbackRecord[]> {
  const open: FeedbackRecord[] = [];
  for (const state of OPEN_STATES) {
    let cursor: string | undefined;
    do {
      const page = await deps.feedback.listFeedback({
        state,
        limit: deps.deadlines.watchLimit,
        ...(cursor ? { cursor } : {}),
      });
      open.push(...page.items);
      cursor = page.cursor;
    } while (cursor && open.length < deps.deadlines.watchLimit);
  }
  return open.slice(0, deps.deadlines.watchLimit);
}

/**
 * `feedback.due_soon` for each open item whose next step (the answer, 15 working days from the
 * start; the publication, 2 after the answer) is due within the window, `feedback.overdue` once
 * it is past. Each notice is a province-bound message in the item's channel whose natural key is
 * the notice, the step and its deadline: a repeated or concurrent run sends it once.
 */
export async function watchFeedbackDeadlines(
  deps: FeedbackDeadlineDependencies,
  now: Date,
): Promise<FeedbackDeadlineReport> {
  const horizon = deps.calendar.addWorkingDays(now, deps.deadlines.dueSoonWorkingDays);
  const items = await openItems(deps);
  const sent = { dueSoon: 0, overdue: 0 };
  for (const record of items) {
    const due = feedbackDueAt(record, deps.calendar);
    if (!due || due.getTime() > horizon.getTime()) continue;
    const overdue = due.getTime() < now.getTime();
    const step = record.state === 'answered' ? 'publish' : 'answer';
    const data: FeedbackDeadlineNoticeData = {
      feedbackId: record.feedbackId,
      agencyCode: record.agencyCode,
      state: record.state,
      step,
      dueAt: toVietnamIso(due),
      ...(overdue
        ? { workingDaysLate: deps.calendar.workingDaysBetween(due, now) }
        : { workingDaysLeft: deps.calendar.workingDaysBetween(now, due) }),
    };
    const kind = overdue ? 'feedback.overdue' : 'feedback.due_soon';
    const { replayed } = await acceptMessage(deps, {
      channel: 'province',
      kind,
      dossierCode: feedbackSubject(record.feedbackId),
      agencyCode: record.agencyCode,
      naturalKey: `${kind}:${step}:${due.toISOString()}`,
      status: FEEDBACK_MESSAGE_STATUS,
      payload: data,
      traceId: `feedback-deadlines-${now.toISOString()}`,
      requiresExistingDossier: false,
      enforceTransitions: false,
    }).catch((error: unknown) => {
      // The same notice, decided by an earlier run with other day counts: sent already.
      if (isGatewayError(error, 'idempotency.conflict')) return { replayed: true };
      throw error;
    });
    if (!replayed) sent[overdue ? 'overdue' : 'dueSoon'] += 1;
  }
  return { looked: items.length, ...sent };
}
