import type { DossierStatus } from '../../contracts/dossier-status';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';

/** One move of a dossier's status, when it happened. */
export interface StatusMove {
  readonly status: DossierStatus;
  /** ISO 8601. */
  readonly at: string;
}

/** Replaces items with the same id, keeps the others in place, appends the new ones. */
function mergeById<T extends { readonly id: string }>(current: readonly T[], incoming: readonly T[]): T[] {
  const merged = [...current];
  for (const item of incoming) {
    const index = merged.findIndex((existing) => existing.id === item.id);
    if (index >= 0) merged[index] = item;
    else merged.push(item);
  }
  return merged;
}

/**
 * The dossier as the gateway holds it now: its latest version with what the status changes
 * accepted after that version did to it: the status they moved it to, the promised date they
 * set, the results they issued and the supplement requests they made or completed (by id).
 */
export function currentDossierOf(
  latestVersion: DossierSubmission,
  laterChanges: readonly StatusChange[],
  currentStatus: DossierStatus,
): DossierSubmission {
  let dossier: DossierSubmission = { ...latestVersion, status: currentStatus };
  for (const change of laterChanges) {
    const results = change.results ? mergeById(dossier.results ?? [], change.results) : dossier.results;
    const supplements = change.supplement
      ? mergeById(dossier.supplements ?? [], [change.supplement])
      : dossier.supplements;
    dossier = {
      ...dossier,
      ...(change.dueAt ? { dueAt: change.dueAt } : {}),
      ...(results ? { results } : {}),
      ...(supplements ? { supplements } : {}),
    };
  }
  return dossier;
}

const endOfProcessing: readonly (readonly DossierStatus[])[] = [
  ['resolved'],
  ['returned'],
  ['stopped', 'refused', 'withdrawn'],
];

/** The last move into one of `statuses`, if the dossier ever made one. */
function lastMoveInto(moves: readonly StatusMove[], statuses: readonly DossierStatus[]): string | undefined {
  return moves.findLast((move) => statuses.includes(move.status))?.at;
}

/** The moments the portal's dossier record carries, as the province sent them or as its history shows. */
export interface DerivedMoments {
  /** NgayKetThucXuLy. */
  readonly finishedAt?: string;
  /** NgayTra. */
  readonly returnedAt?: string;
  /** NgayTuChoi. */
  readonly refusedAt?: string;
}

/**
 * DESIGN.md v1.1: what the province did not send is derived from the status history. The end
 * of processing is QĐ 766's (DOMAIN.md, indicator 2.1): the time of "resolved" (9), else of
 * "returned" (10), else of stopping, refusal or withdrawal; never for a dossier still open.
 */
export function derivedMoments(dossier: DossierSubmission, moves: readonly StatusMove[]): DerivedMoments {
  const finishedAt =
    dossier.finishedAt ??
    endOfProcessing.reduce<string | undefined>(
      (found, statuses) => found ?? lastMoveInto(moves, statuses),
      undefined,
    );
  const returnedAt = dossier.returnedAt ?? lastMoveInto(moves, ['returned']);
  const refusedAt = dossier.refusedAt ?? lastMoveInto(moves, ['refused']);
  return {
    ...(finishedAt ? { finishedAt } : {}),
    ...(returnedAt ? { returnedAt } : {}),
    ...(refusedAt ? { refusedAt } : {}),
  };
}

/** The statuses whose moments derivedMoments reads: a history needs only moves into these. */
export const momentStatuses: readonly DossierStatus[] = endOfProcessing.flat();
