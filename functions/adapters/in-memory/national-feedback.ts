import type {
  FeedbackReceivedData,
  FeedbackReplyMessage,
  RatingReceivedData,
} from '../../../contracts/feedback';
import { nationalErrorCodes } from '../../../contracts/national-portal';
import type { NationalFeedback } from '../../ports/national-feedback';
import { defaultRejectedCodes, raiseNationalError } from '../raise-national-error';

export interface InMemoryNationalFeedback extends NationalFeedback {
  /** What the portal lists for the province; tests add to them. */
  readonly feedback: FeedbackReceivedData[];
  readonly ratings: RatingReceivedData[];
  /** The steps the portal took, in order. */
  readonly replies: readonly FeedbackReplyMessage[];
  /** The next reply answers this national error_code instead of being taken. */
  failNextReply(errorCode: number): void;
}

/** The portal's feedback wire in memory: lists what it is given, takes every reply unless told to fail. */
export function createInMemoryNationalFeedback(): InMemoryNationalFeedback {
  const feedback: FeedbackReceivedData[] = [];
  const ratings: RatingReceivedData[] = [];
  const replies: FeedbackReplyMessage[] = [];
  const failures: number[] = [];
  return {
    feedback,
    ratings,
    replies,
    failNextReply(errorCode) {
      failures.push(errorCode);
    },
    async pull() {
      return { feedback: [...feedback], ratings: [...ratings], unreadableRows: 0 };
    },
    async sendReply(reply) {
      const failure = failures.shift();
      if (failure !== undefined) raiseNationalError(failure, 'simulated failure', defaultRejectedCodes);
      replies.push(reply);
      return { errorCode: nationalErrorCodes.ok, message: '', switchedToUpdate: false };
    },
  };
}
