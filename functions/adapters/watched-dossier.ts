import type { DeliveryProgress } from '../core/dossier-message';
import type { WatchedDossier } from '../ports/deadline-watch';

/**
 * A national progress entry as the deadline watch lists it, or undefined when it lacks what a
 * notice needs (a promised date, an agency, a status): one reading for both stores.
 */
export function watchedDossierOf(
  dossierCode: string,
  progress: Pick<DeliveryProgress, 'nationalStatus' | 'tracked' | 'dueSoonNoticeFor' | 'overdueNoticeFor'>,
): WatchedDossier | undefined {
  const tracked = progress.tracked ?? {};
  if (!tracked.dueAt || !tracked.agencyCode || !progress.nationalStatus) return undefined;
  return {
    dossierCode,
    agencyCode: tracked.agencyCode,
    dueAt: tracked.dueAt,
    status: progress.nationalStatus,
    tracked,
    ...(progress.dueSoonNoticeFor ? { dueSoonNoticeFor: progress.dueSoonNoticeFor } : {}),
    ...(progress.overdueNoticeFor ? { overdueNoticeFor: progress.overdueNoticeFor } : {}),
  };
}
