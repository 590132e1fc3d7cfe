import type { FeedbackState, RatingReceivedData } from '../../contracts/feedback';
import type { FeedbackRecord } from '../core/feedback-item';
import type { Page, PageQuery } from './page';

export interface FeedbackQuery extends PageQuery {
  readonly agencyCode?: string;
  readonly state?: FeedbackState;
}

/**
 * Citizen feedback and ratings as the gateway holds them (issue 23): one record per feedback
 * item, one per rating. Every write is a single conditional write (no transactions, ADR 0001):
 * a new item or rating only if absent, a change only over the revision it was read at.
 */
export interface FeedbackStore {
  /** Stores a new item; false when it is stored already (a repeated pull or push). */
  addFeedback(record: FeedbackRecord): Promise<boolean>;
  getFeedback(feedbackId: string): Promise<FeedbackRecord | undefined>;
  /**
   * Replaces the record if it is still at `record.revision - 1`; false when another writer got
   * there first (the caller reads again and decides again).
   */
  replaceFeedback(record: FeedbackRecord): Promise<boolean>;
  /** Items ordered by feedback id, filtered; `cursor` continues a previous page. */
  listFeedback(query: FeedbackQuery): Promise<Page<FeedbackRecord>>;
  /** Stores a new rating; false when it is stored already. */
  addRating(rating: RatingReceivedData): Promise<boolean>;
  /** Every rating of dossiers (the scorecard's 5.4), oldest id first. */
  listDossierRatings(): Promise<RatingReceivedData[]>;
}
