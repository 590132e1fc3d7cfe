import type { ProcessingTimeUnit, ScorecardIndicatorId } from '../../../contracts/scorecard';

/**
 * Vietnam calendar days (yyyy-MM-dd) during which a dossier belongs to an indicator's
 * population: a period counts it when the two overlap. `last` is null while it is still open.
 * Most indicators place a dossier on one day (its reception); on-time processing [766 2.1] and
 * feedback handling [766 5.2] count it in every period its processing overlaps.
 */
export interface DaySpan {
  readonly first: string;
  readonly last: string | null;
}

/** The stage of a feedback item whose deadline was missed [766 5.2]. */
export type FeedbackStep = 'refuse' | 'askMore' | 'answer' | 'publish';

/**
 * Why a dossier (or feedback item) counts against an indicator: data, so a stored roll-up row
 * keeps the code and its figures and the words are written when read (describe-reason.ts).
 */
export type ShortfallReason =
  | { readonly code: 'notSynced' }
  | { readonly code: 'finishedLate'; readonly workingDays: number }
  | { readonly code: 'openPastDue'; readonly workingDays: number }
  | { readonly code: 'repeatedSupplement'; readonly requests: number }
  | { readonly code: 'noDeadline' }
  | { readonly code: 'noElectronicResult' }
  | { readonly code: 'notOnline'; readonly channel: 'counter' | 'post' }
  | { readonly code: 'notPaidOnline' }
  | { readonly code: 'noSubmittedFile' }
  | { readonly code: 'noResultFile' }
  | { readonly code: 'noReuse' }
  | { readonly code: 'noNationalStoreDocument' }
  | { readonly code: 'noPopulationData' }
  | { readonly code: 'feedbackLate'; readonly step: FeedbackStep; readonly workingDays: number }
  | { readonly code: 'feedbackOpenPastDue'; readonly workingDays: number }
  | { readonly code: 'feedbackDisliked' }
  | { readonly code: 'followUpComplaint' }
  | { readonly code: 'dossierComplained' }
  | { readonly code: 'dossierDisliked' }
  | { readonly code: 'unclassified' };

/** What must happen, by `handleBy`, for a still-open dossier not to count against it. */
export type WatchReason =
  | { readonly code: 'finishProcessing' }
  | { readonly code: 'issueElectronicResult' }
  | { readonly code: 'answerFeedback' }
  | { readonly code: 'publishAnswer' };

export interface ScorecardWatchItem {
  /** ISO 8601 instant (UTC). */
  readonly handleBy: string;
  readonly reason: WatchReason;
}

/**
 * How one dossier (or feedback item) stands on one indicator. Only subjects in the
 * indicator's denominator get a verdict. A verdict is final once `provisional` is false:
 * stored as a roll-up row it never needs recomputing (ADR 14).
 */
export interface IndicatorVerdict {
  readonly indicator: ScorecardIndicatorId;
  /** Dossier code, or feedback id. */
  readonly subjectCode: string;
  readonly agencyCode: string;
  readonly procedureCode?: string;
  readonly span: DaySpan;
  /** One of the indicator's categories (indicator-definitions.ts). */
  readonly category: string;
  /** Counts in the numerator. */
  readonly met: boolean;
  /** Empty when met. */
  readonly reasons: readonly ShortfallReason[];
  readonly watch?: ScorecardWatchItem;
  /** [766 2.2] processing time, in the procedure's unit. */
  readonly measure?: { readonly value: number; readonly unit: ProcessingTimeUnit };
  /** Judged at the period's end because the dossier is still open: recompute, do not store as final. */
  readonly provisional: boolean;
}

/** When "now" and the period end differ, dossiers still open are judged at the earlier [766 2.1, 5.2]. */
export interface Evaluation {
  /** Stands in for the end of anything still open: the period's last instant, or now if earlier. */
  readonly asOf: Date;
}

/**
 * A span from its first to its last day. Synced times can disagree (an end of processing
 * before the reception, a refusal before the forwarding); the span then covers the first day
 * only, so every verdict is counted in one period at least and a roll-up never goes negative.
 */
export function daySpan(first: string, last: string | null): DaySpan {
  return { first, last: last === null || last >= first ? last : first };
}
