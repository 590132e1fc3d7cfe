import type { NationalPortal } from '../ports/national-portal';
import type { EndpointGuard } from './endpoint-guard';

/** The national portal behind its quota and circuit breaker. */
export function guardNationalPortal(portal: NationalPortal, guard: EndpointGuard): NationalPortal {
  return {
    syncDossier: (agencyCode, dossier, isUpdating) =>
      guard.run(() => portal.syncDossier(agencyCode, dossier, isUpdating)),
    updateProgress: (agencyCode, rows) => guard.run(() => portal.updateProgress(agencyCode, rows)),
    lookupDossier: (agencyCode, dossierCode) =>
      guard.run(() => portal.lookupDossier(agencyCode, dossierCode)),
    listCatalogue: (kind) => guard.run(() => portal.listCatalogue(kind)),
    ping: () => portal.ping(),
  };
}
