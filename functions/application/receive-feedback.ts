import { createHash } from 'node:crypto';
import {
  dossierRatingSubject,
  type FeedbackReceivedData,
  feedbackSubject,
  type RatingReceivedData,
} from '../../contracts/feedback';
import { canonicalJson } from '../core/canonical-json';
import { countFeedbackRating, FEEDBACK_MESSAGE_STATUS, newFeedbackRecord } from '../core/feedback-item';
import { GatewayError } from '../core/gateway-error';
import type { FeedbackStore } from '../ports/feedback-store';
import type { NationalFeedback } from '../ports/national-feedback';
import type { ProvinceSystems } from '../ports/province-systems';
import { type AcceptDependencies, type AcceptResult, acceptMessage } from './accept-message';

export interface ReceiveFeedbackDependencies extends AcceptDependencies {
  readonly provinceSystems: ProvinceSystems;
  readonly feedback: FeedbackStore;
}

/** Bounds the read-decide-write loop of a rating's count against concurrent writers. */
const MAX_WRITE_RACES = 8;

const contentKey = (value: unknown) =>
  createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 32);

async function assertOwned(deps: ReceiveFeedbackDependencies, agencyCode: string): Promise<void> {
  if (await deps.provinceSystems.findOwner(agencyCode)) return;
  throw new GatewayError(
    'province.notRegistered',
    `Không có hệ thống một cửa nào nhận phản ánh của cơ quan ${agencyCode} / No provincial system is registered for agency ${agencyCode}`,
  );
}

/**
 * A feedback item from the portal (pulled or pushed): kept, then delivered once as
 * `feedback.received` in its own ordered channel. The record first and the message always: a
 * crash between them is mended by the next pull, whose message is then new and the record's
 * write a no-op; a repeat of both is the same natural key, so nothing is delivered twice. A
 * changed item (same id, other content) is a new event.
 */
export async function receiveFeedback(
  deps: ReceiveFeedbackDependencies,
  item: FeedbackReceivedData,
  traceId: string,
): Promise<AcceptResult> {
  await assertOwned(deps, item.agencyCode);
  await deps.feedback.addFeedback(newFeedbackRecord(item, deps.clock.now().toISOString()));
  return acceptMessage(deps, {
    channel: 'province',
    kind: 'feedback.received',
    dossierCode: feedbackSubject(item.feedbackId),
    agencyCode: item.agencyCode,
    naturalKey: `feedback:${contentKey(item)}`,
    status: FEEDBACK_MESSAGE_STATUS,
    payload: item,
    traceId,
    requiresExistingDossier: false,
    enforceTransitions: false,
  });
}

/** Counts a rating of an answer on its feedback item, once per rating, over concurrent writers. */
async function countRating(
  deps: ReceiveFeedbackDependencies,
  rating: RatingReceivedData,
  feedbackId: string,
) {
  for (let race = 0; race < MAX_WRITE_RACES; race += 1) {
    const record = await deps.feedback.getFeedback(feedbackId);
    if (!record) return;
    const counted = countFeedbackRating(record, rating, deps.clock.now().toISOString());
    if (counted === record || (await deps.feedback.replaceFeedback(counted))) return;
  }
  throw new GatewayError('dependency.unavailable', `too many concurrent writers on feedback ${feedbackId}`, {
    retryAfterSeconds: 1,
  });
}

/**
 * A rating from the portal: counted (on its feedback item, or kept for its dossier's 5.4), then
 * delivered once as `rating.received`, after its item's own messages (same channel).
 */
export async function receiveRating(
  deps: ReceiveFeedbackDependencies,
  rating: RatingReceivedData,
  traceId: string,
): Promise<AcceptResult> {
  await assertOwned(deps, rating.agencyCode);
  if (rating.feedbackId) await countRating(deps, rating, rating.feedbackId);
  else await deps.feedback.addRating(rating);
  return acceptMessage(deps, {
    channel: 'province',
    kind: 'rating.received',
    dossierCode: rating.feedbackId
      ? feedbackSubject(rating.feedbackId)
      : dossierRatingSubject(rating.dossierCode ?? ''),
    agencyCode: rating.agencyCode,
    naturalKey: `rating:${rating.ratingId}:${contentKey(rating)}`,
    status: FEEDBACK_MESSAGE_STATUS,
    payload: rating,
    traceId,
    requiresExistingDossier: false,
    enforceTransitions: false,
  });
}

export interface FeedbackPullReport {
  readonly feedback: number;
  readonly ratings: number;
  /** Items and ratings newly accepted for delivery by this pull. */
  readonly accepted: number;
  /** For agencies no connected system owns: left at the portal, pulled again next time. */
  readonly unowned: number;
  readonly unreadableRows: number;
}

/**
 * The `feedback-pull` schedule: every feedback item and rating the portal lists for the
 * province, each received as if pushed. What was received before is a repeat and changes nothing.
 */
export async function pullFeedback(
  deps: ReceiveFeedbackDependencies & { readonly nationalFeedback: NationalFeedback },
  traceId: string,
): Promise<FeedbackPullReport> {
  const pulled = await deps.nationalFeedback.pull();
  let accepted = 0;
  let unowned = 0;
  const receive = async (work: () => Promise<AcceptResult>) => {
    try {
      if (!(await work()).replayed) accepted += 1;
    } catch (error) {
      if (!(error instanceof GatewayError && error.code === 'province.notRegistered')) throw error;
      unowned += 1;
    }
  };
  for (const item of pulled.feedback) await receive(() => receiveFeedback(deps, item, traceId));
  for (const rating of pulled.ratings) await receive(() => receiveRating(deps, rating, traceId));
  if (unowned > 0 || pulled.unreadableRows > 0) {
    deps.logger.warn('feedback pull left rows behind', { unowned, unreadableRows: pulled.unreadableRows });
  }
  return {
    feedback: pulled.feedback.length,
    ratings: pulled.ratings.length,
    accepted,
    unowned,
    unreadableRows: pulled.unreadableRows,
  };
}
