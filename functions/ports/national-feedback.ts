import type {
  FeedbackReceivedData,
  FeedbackReplyMessage,
  RatingReceivedData,
} from '../../contracts/feedback';
import type { NationalAcknowledgement } from './national-portal';

/** What one pull read: the rows it could read, and how many it could not. */
export interface NationalFeedbackPull {
  readonly feedback: readonly FeedbackReceivedData[];
  readonly ratings: readonly RatingReceivedData[];
  readonly unreadableRows: number;
}

/**
 * The national portal's feedback (PAKN) and ratings (issue 23, docs/adr/0017): the lists
 * addressed to the province, and the province's steps and answers sent back.
 */
export interface NationalFeedback {
  /** LayDanhSachHoiDapGuiTuDVCQG and the ratings list, read tolerantly. */
  pull(): Promise<NationalFeedbackPull>;
  /**
   * One step of the province's handling (the answer included), as DongBoKetQuaHoiDapGuiTuDVCQG;
   * throws GatewayError 'national.transient' (retry) or 'national.rejected' (park).
   */
  sendReply(reply: FeedbackReplyMessage): Promise<NationalAcknowledgement>;
}
