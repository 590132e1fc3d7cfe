import { type DossierStatus, nationalStatusCode } from '../../contracts/dossier-status';
import type { DriftFinding, DriftFindingState } from '../../contracts/drift-check';
import type { InboundNationalDossier } from '../../contracts/national-portal';
import type { DeliveryProgress, MessageSummary } from './dossier-message';

/** What one look-up at the portal says about a dossier the gateway has synced. */
export type DriftVerdict =
  | { readonly outcome: 'agree' }
  | { readonly outcome: 'status'; readonly portalStatus: string }
  | { readonly outcome: 'missing' };

/**
 * A dossier whose national channel still has work to do (a message accepted, held or parked
 * beyond the delivered sequence) is expected to differ from the portal: it is not checked.
 * Delivered and discarded messages are all at or below `deliveredSequence`.
 */
export function hasMessagesInFlight(
  progress: DeliveryProgress,
  history: readonly Pick<MessageSummary, 'sequence'>[],
): boolean {
  return (
    progress.parkedSequence !== undefined ||
    history.some((message) => message.sequence > progress.deliveredSequence)
  );
}

/** Ours is the status the gateway last delivered; the portal's is TrangThaiHoSo of its record. */
export function compareWithPortal(
  ours: DossierStatus,
  held: InboundNationalDossier | undefined,
): DriftVerdict {
  if (!held) return { outcome: 'missing' };
  if (held.TrangThaiHoSo === String(nationalStatusCode(ours))) return { outcome: 'agree' };
  return { outcome: 'status', portalStatus: held.TrangThaiHoSo };
}

/**
 * Moves of a finding, as data: a check opens one, an administrator's re-sync marks it
 * resynced, a later check that finds agreement resolves it and one that does not reopens it.
 * A resolved finding that drifts again is opened afresh (a new findingId).
 */
export const driftFindingMoves: Readonly<Record<DriftFindingState, readonly DriftFindingState[]>> = {
  open: ['open', 'resynced', 'resolved'],
  resynced: ['open', 'resolved'],
  resolved: ['open'],
};

export const canMoveFinding = (from: DriftFindingState, to: DriftFindingState): boolean =>
  driftFindingMoves[from].includes(to);

export interface FindingContext {
  readonly dossierCode: string;
  readonly agencyCode: string;
  readonly ourStatus: DossierStatus;
  readonly now: string;
  readonly newId: () => string;
}

export type FindingChange =
  | { readonly change: 'none' }
  | { readonly change: 'opened' | 'updated' | 'resolved'; readonly finding: DriftFinding };

/** What a check's verdict does to the dossier's finding, if it has one. Pure. */
export function decideFinding(
  existing: DriftFinding | undefined,
  verdict: DriftVerdict,
  context: FindingContext,
): FindingChange {
  const live = existing && existing.state !== 'resolved' ? existing : undefined;
  if (verdict.outcome === 'agree') {
    if (!live) return { change: 'none' };
    return {
      change: 'resolved',
      finding: {
        ...live,
        state: 'resolved',
        ourStatus: context.ourStatus,
        lastCheckedAt: context.now,
        resolvedAt: context.now,
        revision: live.revision + 1,
      },
    };
  }
  const observed = {
    kind: verdict.outcome,
    ourStatus: context.ourStatus,
    ...(verdict.outcome === 'status' ? { portalStatus: verdict.portalStatus } : {}),
    lastCheckedAt: context.now,
  } as const;
  if (live) {
    // Still drifted: a re-sync that did not take goes back to the administrators.
    const { portalStatus: _previous, ...rest } = live;
    return {
      change: live.state === 'resynced' ? 'opened' : 'updated',
      finding: { ...rest, ...observed, state: 'open', revision: live.revision + 1 },
    };
  }
  return {
    change: 'opened',
    finding: {
      findingId: context.newId(),
      dossierCode: context.dossierCode,
      agencyCode: context.agencyCode,
      state: 'open',
      ...observed,
      detectedAt: context.now,
      revision: (existing?.revision ?? 0) + 1,
      resyncs: 0,
    },
  };
}
