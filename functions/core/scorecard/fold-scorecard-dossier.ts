import type { DossierSubmission, StatusChange } from '../../../contracts/provincial-api';
import type { ScorecardDossier, ScorecardSupplement } from './scorecard-dossier';

/** A message of the national channel the portal took, its payload already read (the relay's). */
export type DeliveredDossierMessage =
  | { readonly kind: 'dossier'; readonly dossier: DossierSubmission }
  | { readonly kind: 'status'; readonly change: StatusChange };

export interface DeliveryMoment {
  /** The agency the message was accepted under: the dossier keeps the first one (codes change). */
  readonly agencyCode: string;
  /** When the gateway accepted the message: when a version's status moved (it carries no time). */
  readonly acceptedAt: string;
  /** When the portal took it: the first one is when the portal first held the dossier [766 1.4]. */
  readonly deliveredAt: string;
}

type Result = NonNullable<ScorecardDossier['results']>[number] & { readonly id?: string };

/** Replaces the entries with the same id, keeps the others in place, appends the new ones. */
function mergeById<T extends { readonly id?: string }>(current: readonly T[], incoming: readonly T[]): T[] {
  const merged = [...current];
  for (const item of incoming) {
    const index = merged.findIndex((existing) => existing.id !== undefined && existing.id === item.id);
    if (index >= 0) merged[index] = item;
    else merged.push(item);
  }
  return merged;
}

const supplementOf = (
  supplement: NonNullable<DossierSubmission['supplements']>[number],
): ScorecardSupplement => ({
  id: supplement.id,
  requestedAt: supplement.requestedAt,
  ...(supplement.receivedAt ? { receivedAt: supplement.receivedAt } : {}),
  ...(supplement.previousDueAt ? { previousDueAt: supplement.previousDueAt } : {}),
  ...(supplement.newDueAt ? { newDueAt: supplement.newDueAt } : {}),
});

const resultOf = (result: NonNullable<DossierSubmission['results']>[number]): Result => ({
  id: result.id,
  resultCode: result.resultCode,
  url: result.url,
});

/** A promised date joins the history only when it moves. */
function withDueAt(sheet: ScorecardDossier, dueAt: string | undefined, at: string): ScorecardDossier {
  if (!dueAt || (sheet.dueAt && Date.parse(sheet.dueAt) === Date.parse(dueAt))) return sheet;
  return { ...sheet, dueAt, dueAtHistory: [...(sheet.dueAtHistory ?? []), { dueAt, at }] };
}

/** A status joins the history when it differs from the last one (a version repeats its status). */
function withMove(sheet: ScorecardDossier, status: ScorecardDossier['statusHistory'][number]) {
  if (sheet.statusHistory.at(-1)?.status === status.status) return sheet;
  return { ...sheet, statusHistory: [...sheet.statusHistory, status] };
}

/** Everything a dossier version says of itself: the province sends the whole current dossier each time. */
function fromVersion(
  dossier: DossierSubmission,
  previous: ScorecardDossier | undefined,
  moment: DeliveryMoment,
) {
  const sheet: ScorecardDossier = {
    dossierCode: dossier.dossierCode,
    agencyCode: previous?.agencyCode ?? moment.agencyCode,
    procedureCode: dossier.procedureCode,
    channel: dossier.channel,
    receivedAt: dossier.receivedAt,
    ...(previous?.dueAt ? { dueAt: previous.dueAt } : {}),
    ...(previous?.dueAtHistory ? { dueAtHistory: previous.dueAtHistory } : {}),
    statusHistory: previous?.statusHistory ?? [],
    ...(dossier.submittedAt ? { submittedAt: dossier.submittedAt } : {}),
    ...(dossier.finishedAt ? { finishedAt: dossier.finishedAt } : {}),
    ...(dossier.returnedAt ? { returnedAt: dossier.returnedAt } : {}),
    ...(dossier.refusedAt ? { refusedAt: dossier.refusedAt } : {}),
    ...(dossier.supplements ? { supplements: dossier.supplements.map(supplementOf) } : {}),
    ...(dossier.results ? { results: dossier.results.map(resultOf) } : {}),
    ...(dossier.documents
      ? {
          documents: dossier.documents.map((document) => ({
            url: document.url,
            ...(document.digitised === undefined ? {} : { digitised: document.digitised }),
            ...(document.reuse === undefined ? {} : { reuse: document.reuse }),
            ...(document.fromNationalStore === undefined
              ? {}
              : { fromNationalStore: document.fromNationalStore }),
          })),
        }
      : {}),
    applicant: {
      type: dossier.applicant.type,
      ...(dossier.applicant.verifiedWithVNeID === undefined
        ? {}
        : { verifiedWithVNeID: dossier.applicant.verifiedWithVNeID }),
    },
    ...(dossier.nationalDataSources ? { nationalDataSources: dossier.nationalDataSources } : {}),
    ...(dossier.fees ? { fees: dossier.fees.map((fee) => ({ amount: fee.amount })) } : {}),
    ...(dossier.paidOnline ? { paidOnline: dossier.paidOnline } : {}),
    syncedAt: previous?.syncedAt ?? moment.deliveredAt,
    ...(previous?.feedback ? { feedback: previous.feedback } : {}),
  };
  // Received and refused happen at the reception; any other status moved when the version came.
  const movedAt =
    dossier.status === 'received' || dossier.status === 'refused' ? dossier.receivedAt : moment.acceptedAt;
  return withMove(withDueAt(sheet, dossier.dueAt, moment.acceptedAt), {
    status: dossier.status,
    at: movedAt,
  });
}

/** What a status change does to the sheet: moves it, and may move the promised date, issue results or a supplement. */
function fromChange(change: StatusChange, previous: ScorecardDossier): ScorecardDossier {
  const moved = withMove(withDueAt(previous, change.dueAt, change.at), {
    status: change.status,
    at: change.at,
  });
  return {
    ...moved,
    ...(change.results
      ? { results: mergeById<Result>(previous.results ?? [], change.results.map(resultOf)) }
      : {}),
    ...(change.supplement
      ? { supplements: mergeById(previous.supplements ?? [], [supplementOf(change.supplement)]) }
      : {}),
  };
}

/**
 * The fact sheet of a dossier after one more message the portal took (ADR 14): a fold over the
 * national channel in order, so the sheet is what the portal's own copy says. Undefined when a
 * status change comes before any version (nothing is known of the dossier yet).
 */
export function foldScorecardDossier(
  previous: ScorecardDossier | undefined,
  message: DeliveredDossierMessage,
  moment: DeliveryMoment,
): ScorecardDossier | undefined {
  if (message.kind === 'dossier') return fromVersion(message.dossier, previous, moment);
  return previous && fromChange(message.change, previous);
}
