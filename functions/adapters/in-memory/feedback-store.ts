import type { RatingReceivedData } from '../../../contracts/feedback';
import type { FeedbackRecord } from '../../core/feedback-item';
import type { FeedbackStore } from '../../ports/feedback-store';
import { decodeCursor, encodeCursor } from './page-cursor';

/** The feedback store in memory, with the DynamoDB adapter's conditions (absent; same revision). */
export function createInMemoryFeedbackStore(): FeedbackStore {
  const feedback = new Map<string, FeedbackRecord>();
  const ratings = new Map<string, RatingReceivedData>();
  const copy = <T>(value: T): T => structuredClone(value);

  return {
    async addFeedback(record) {
      if (feedback.has(record.feedbackId)) return false;
      feedback.set(record.feedbackId, copy(record));
      return true;
    },
    async getFeedback(feedbackId) {
      const record = feedback.get(feedbackId);
      return record && copy(record);
    },
    async replaceFeedback(record) {
      if (feedback.get(record.feedbackId)?.revision !== record.revision - 1) return false;
      feedback.set(record.feedbackId, copy(record));
      return true;
    },
    async listFeedback(query) {
      const after = query.cursor ? decodeCursor('feedbackId', query.cursor) : undefined;
      const matching = [...feedback.values()]
        .filter(
          (record) =>
            (after === undefined || record.feedbackId > after) &&
            (query.agencyCode === undefined || record.agencyCode === query.agencyCode) &&
            (query.state === undefined || record.state === query.state),
        )
        .sort((a, b) => (a.feedbackId < b.feedbackId ? -1 : 1));
      const items = matching.slice(0, query.limit).map(copy);
      const last = items.at(-1);
      return matching.length > query.limit && last
        ? { items, cursor: encodeCursor('feedbackId', last.feedbackId) }
        : { items };
    },
    async addRating(rating) {
      if (ratings.has(rating.ratingId)) return false;
      ratings.set(rating.ratingId, copy(rating));
      return true;
    },
    async listDossierRatings() {
      return [...ratings.values()]
        .filter((rating) => rating.dossierCode !== undefined)
        .sort((a, b) => (a.ratingId < b.ratingId ? -1 : 1))
        .map(copy);
    },
  };
}
