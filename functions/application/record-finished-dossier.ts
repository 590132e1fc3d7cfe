import { messagePayloadSchemas } from '../../contracts/message-payloads';
import type { StatusChange } from '../../contracts/provincial-api';
import type { StoredMessage } from '../core/dossier-message';
import type { AgencyIndicators } from '../ports/agency-indicators';
import type { DossierStore } from '../ports/dossier-store';

const finishedStatuses = new Set(['resolved', 'returned']);

/**
 * Counts a dossier toward its agency's on-time rate when a status change that finishes it
 * (9 or 10, DOMAIN.md) reaches the portal: on time when it happened no later than the promised
 * date, taken from the change itself if it moved the date, else from the latest dossier version.
 * Counted once: only the first finishing change of a dossier counts.
 */
export async function recordFinishedDossier(
  deps: { store: DossierStore; indicators: AgencyIndicators },
  message: StoredMessage,
  change: StatusChange,
): Promise<void> {
  if (!finishedStatuses.has(change.status)) return;
  const history = await deps.store.listMessages('national', message.dossierCode);
  const earlier = history.filter((summary) => summary.sequence < message.sequence);
  if (earlier.some((summary) => finishedStatuses.has(summary.status))) return;
  const latestVersion = earlier.filter((summary) => summary.kind === 'dossier.sync').at(-1);
  const dossier = latestVersion
    ? await deps.store.getMessage('national', message.dossierCode, latestVersion.sequence)
    : undefined;
  const dueAt =
    change.dueAt ??
    (dossier ? messagePayloadSchemas['dossier.sync'].parse(dossier.payload).dueAt : undefined);
  if (!dueAt) return;
  await deps.indicators.recordFinished(message.agencyCode, Date.parse(change.at) <= Date.parse(dueAt));
}
