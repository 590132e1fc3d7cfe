import type { DossierStatus } from '../../contracts/dossier-status';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';

/** What the gateway remembers of a dossier between its messages, beside its delivery progress. */
export interface TrackedFacts {
  /** The agency the dossier was first accepted under. */
  readonly agencyCode?: string;
  readonly procedureCode?: string;
  readonly online?: boolean;
  readonly receivedAt?: string;
  /** The promised date in force (NgayHenTra), as a UTC ISO instant. */
  readonly dueAt?: string;
}

export interface TrackingInput {
  readonly agencyCode: string;
  readonly facts: TrackedFacts;
  /** The promised date an overdue notice was already sent for: nothing more to watch for it. */
  readonly overdueNoticeFor: string | undefined;
  readonly next:
    | { readonly kind: 'dossier'; readonly dossier: DossierSubmission }
    | { readonly kind: 'status'; readonly change: StatusChange };
  /** Statuses in which the clock stops: the dossier waits for the citizen, not the agency. */
  readonly pausedStatuses: readonly DossierStatus[];
}

export interface TrackingUpdate {
  readonly facts: TrackedFacts;
  /** The promised date to watch for due-soon and overdue notices; null: nothing to watch. */
  readonly watchDeadline: string | null;
}

const finished = new Set<DossierStatus>(['resolved', 'returned']);
const closedUnfinished = new Set<DossierStatus>(['withdrawn', 'stopped']);
const notReceived = new Set<DossierStatus | undefined>([undefined, 'submitted']);

const utcInstant = (iso: string) => new Date(iso).toISOString();

/**
 * Decides, for one message delivered to the national portal, what to remember about its dossier
 * and which promised date to watch. Pure and deterministic for a given message and prior state,
 * so a redelivery after a crash yields the same update. (The national indicators are the QĐ 766
 * scorecard's: functions/core/scorecard/, recorded beside this by record-scorecard.ts.)
 */
export function trackNationalDelivery(input: TrackingInput): TrackingUpdate {
  const { next } = input;
  const status = next.kind === 'dossier' ? next.dossier.status : next.change.status;
  const facts: TrackedFacts =
    next.kind === 'dossier'
      ? {
          agencyCode: input.agencyCode,
          procedureCode: next.dossier.procedureCode,
          online: next.dossier.channel === 'online',
          receivedAt: utcInstant(next.dossier.receivedAt),
          dueAt: utcInstant(next.dossier.dueAt),
        }
      : { ...input.facts, ...(next.change.dueAt ? { dueAt: utcInstant(next.change.dueAt) } : {}) };
  const clockRunning =
    !notReceived.has(status) &&
    status !== 'refused' &&
    !finished.has(status) &&
    !closedUnfinished.has(status) &&
    !input.pausedStatuses.includes(status);
  const watchDeadline =
    clockRunning && facts.dueAt !== undefined && input.overdueNoticeFor !== facts.dueAt ? facts.dueAt : null;
  return { facts, watchDeadline };
}
