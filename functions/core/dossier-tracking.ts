import type { DossierStatus } from '../../contracts/dossier-status';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';
import { vietnamDay } from './vietnam-time';

/**
 * Moments that the national indicators count (DOMAIN.md, Quyết định 766/QĐ-TTg): a dossier is
 * received (any status but 1 and 3), refused at intake (3), finished (9 or 10, on time when
 * no later than its promised date), or closed unfinished (withdrawn 7, stopped 8).
 */
export type Milestone = 'received' | 'refused' | 'finished' | 'closed';

export interface IndicatorEvent {
  readonly agencyCode: string;
  readonly dossierCode: string;
  readonly milestone: Milestone;
  /** When it happened, ISO 8601. */
  readonly at: string;
  /** The Vietnam calendar day of `at`, which periods are cut by. */
  readonly day: string;
  readonly procedureCode?: string;
  /** Submitted online (KenhThucHien 2). */
  readonly online?: boolean;
  /** For `finished`: no later than the promised date. */
  readonly onTime?: boolean;
}

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
  readonly dossierCode: string;
  /** The status the portal had before this message (undefined: first message). */
  readonly previousStatus: DossierStatus | undefined;
  readonly facts: TrackedFacts;
  /** The promised date an overdue notice was already sent for: nothing more to watch for it. */
  readonly overdueNoticeFor: string | undefined;
  /** When the message was accepted: stands in for a moment the payload does not carry. */
  readonly acceptedAt: string;
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
  readonly events: readonly IndicatorEvent[];
}

const finished = new Set<DossierStatus>(['resolved', 'returned']);
const closedUnfinished = new Set<DossierStatus>(['withdrawn', 'stopped']);
const notReceived = new Set<DossierStatus | undefined>([undefined, 'submitted']);

const utcInstant = (iso: string) => new Date(iso).toISOString();

/**
 * Decides, for one message delivered to the national portal, what to remember about its dossier,
 * which indicator moments it marks and which promised date to watch. Pure and deterministic for
 * a given message and prior state, so a redelivery after a crash yields the same events.
 */
export function trackNationalDelivery(input: TrackingInput): TrackingUpdate {
  const { previousStatus, next } = input;
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
  // A status change carries the moment it happened; a dossier version only its reception.
  const movedAt =
    next.kind === 'status'
      ? next.change.at
      : status === 'received' || status === 'refused'
        ? next.dossier.receivedAt
        : input.acceptedAt;

  const events: IndicatorEvent[] = [];
  const event = (milestone: Milestone, at: string, extra: Partial<IndicatorEvent> = {}) =>
    events.push({
      agencyCode: input.agencyCode,
      dossierCode: input.dossierCode,
      milestone,
      at: utcInstant(at),
      day: vietnamDay(new Date(at)),
      ...(facts.procedureCode ? { procedureCode: facts.procedureCode } : {}),
      ...(facts.online === undefined ? {} : { online: facts.online }),
      ...extra,
    });

  const receivedNow = notReceived.has(previousStatus) && !notReceived.has(status) && status !== 'refused';
  // Withdrawn straight from 1 was never received; any other first status implies a reception.
  if (receivedNow && !(previousStatus === 'submitted' && status === 'withdrawn')) {
    event('received', next.kind === 'dossier' ? next.dossier.receivedAt : next.change.at);
  }
  if (status === 'refused' && previousStatus !== 'refused') event('refused', movedAt);
  if (finished.has(status) && !finished.has(previousStatus as DossierStatus)) {
    const onTime = facts.dueAt === undefined ? undefined : Date.parse(movedAt) <= Date.parse(facts.dueAt);
    event('finished', movedAt, onTime === undefined ? {} : { onTime });
  }
  if (closedUnfinished.has(status) && !closedUnfinished.has(previousStatus as DossierStatus)) {
    event('closed', movedAt);
  }

  const clockRunning =
    !notReceived.has(status) &&
    status !== 'refused' &&
    !finished.has(status) &&
    !closedUnfinished.has(status) &&
    !input.pausedStatuses.includes(status);
  const watchDeadline =
    clockRunning && facts.dueAt !== undefined && input.overdueNoticeFor !== facts.dueAt ? facts.dueAt : null;
  return { facts, watchDeadline, events };
}
