import type { FeedbackReceivedData, FeedbackState, RatingReceivedData } from '../../contracts/feedback';
import {
  inboundFeedbackRowSchema,
  inboundRatingRowSchema,
  type NationalFeedbackServices,
  nationalFeedbackServices,
  nationalFeedbackStateCodes,
} from '../../contracts/national-feedback';
import { nationalErrorCodes } from '../../contracts/national-portal';
import { GatewayError } from '../core/gateway-error';
import {
  fromNationalFeedbackRow,
  fromNationalRatingRow,
  toNationalFeedbackReply,
} from '../core/translate-national-feedback';
import type { NationalFeedback } from '../ports/national-feedback';
import { defaultRejectedCodes, raiseNationalError } from './raise-national-error';
import type { SessionCaller } from './session-national-portal';

export interface SessionNationalFeedbackOptions {
  /** Overrides of the service names; the ratings list and the reply's use for steps are [inferred]. */
  readonly services?: Partial<NationalFeedbackServices>;
  /** Whether the portal offers the ratings list at all; off, a pull reads feedback alone. */
  readonly pullRatings?: boolean;
  /** [inferred] TRANGTHAI codes of the steps; default nationalFeedbackStateCodes. */
  readonly stateCodes?: Partial<Record<FeedbackState, string>>;
  readonly rejectedErrorCodes?: readonly number[];
}

/** Reads each row on its own: one the gateway cannot read is counted, never guessed at. */
function readRows<T>(result: unknown, read: (row: unknown) => T | undefined, what: string) {
  if (!Array.isArray(result)) {
    throw new GatewayError('national.transient', `the ${what} answer holds no result list`);
  }
  const rows: T[] = [];
  let unreadable = 0;
  for (const row of result) {
    const value = read(row);
    if (value === undefined) unreadable += 1;
    else rows.push(value);
  }
  return { rows, unreadable };
}

/**
 * The feedback wire over the session envelope (docs/adr/0017): the lists are reads on the share
 * endpoint [OCPS doSyncSharingQA -> getSharingData]; the reply is a write on the integration
 * endpoint, like every write. A row whose HOIDAPID is not positive or whose TRANGTHAI is 0 is
 * skipped, as [OCPS extractFAQResult] skips it.
 */
export function createSessionNationalFeedback(
  caller: SessionCaller,
  options: SessionNationalFeedbackOptions = {},
): NationalFeedback {
  const services = { ...nationalFeedbackServices, ...options.services };
  const rejectedCodes = options.rejectedErrorCodes ?? defaultRejectedCodes;
  const stateCodes = { ...nationalFeedbackStateCodes, ...options.stateCodes };

  async function list(service: string): Promise<unknown> {
    const reply = await caller.callService('share', { service });
    if (reply.code !== nationalErrorCodes.ok) raiseNationalError(reply.code, reply.message, rejectedCodes);
    return reply.result;
  }

  const readFeedback = (row: unknown): FeedbackReceivedData | undefined => {
    const parsed = inboundFeedbackRowSchema.safeParse(row);
    return parsed.success ? fromNationalFeedbackRow(parsed.data) : undefined;
  };
  const skipped = (row: unknown) => {
    const fields = (row ?? {}) as Record<string, unknown>;
    return Number(fields.HOIDAPID) <= 0 || String(fields.TRANGTHAI ?? '').trim() === '0';
  };
  const readRating = (row: unknown): RatingReceivedData | undefined => {
    const parsed = inboundRatingRowSchema.safeParse(row);
    return parsed.success ? fromNationalRatingRow(parsed.data) : undefined;
  };

  return {
    async pull() {
      const feedbackResult = await list(services.list);
      const feedback = readRows(
        Array.isArray(feedbackResult) ? feedbackResult.filter((row) => !skipped(row)) : feedbackResult,
        readFeedback,
        services.list,
      );
      const ratings =
        options.pullRatings === false
          ? { rows: [], unreadable: 0 }
          : readRows(await list(services.ratings), readRating, services.ratings);
      return {
        feedback: feedback.rows,
        ratings: ratings.rows,
        unreadableRows: feedback.unreadable + ratings.unreadable,
      };
    },
    async sendReply(step) {
      const row = toNationalFeedbackReply(step, stateCodes);
      const reply = await caller.callService('integration', { service: services.answer, data: [row] });
      if (reply.code !== nationalErrorCodes.ok) raiseNationalError(reply.code, reply.message, rejectedCodes);
      return { errorCode: reply.code, message: reply.message, switchedToUpdate: false };
    },
  };
}
