import type { DossierStatus } from '../../contracts/dossier-status';
import type { TrackedFacts } from '../core/dossier-tracking';

export type DeadlineThreshold = 'due_soon' | 'overdue';

/** A dossier whose promised date is being watched: received, unfinished, its clock running. */
export interface WatchedDossier {
  readonly dossierCode: string;
  readonly agencyCode: string;
  /** The promised date in force, UTC ISO. */
  readonly dueAt: string;
  readonly status: DossierStatus;
  readonly tracked: TrackedFacts;
  readonly dueSoonNoticeFor?: string;
  readonly overdueNoticeFor?: string;
}

export interface DeadlineWatch {
  /**
   * Watched dossiers that need a look at `now` (UTC ISO): due at or before `until` and not yet
   * told they are due soon, or already past due. Earliest first, at most `limit`.
   */
  listNeedingNotice(query: {
    readonly now: string;
    readonly until: string;
    readonly limit: number;
  }): Promise<WatchedDossier[]>;
  /**
   * Remembers that a notice went out for this promised date; after the overdue notice nothing
   * is left to watch for that date, so the dossier leaves the watch list (until a new date).
   * A no-op if the promised date has moved meanwhile.
   */
  recordNotice(dossierCode: string, threshold: DeadlineThreshold, dueAt: string): Promise<void>;
}
