import type { NationalPortal } from '../ports/national-portal';

export interface RoutedNationalPortalOptions {
  /** The transport of each province or ministry, keyed by the agency code's last group (`H12`, `G09`). */
  readonly byProvince: Readonly<Record<string, NationalPortal>>;
  /** The transport of every agency whose suffix is not listed. */
  readonly fallback: NationalPortal;
}

/**
 * One NationalPortal over several transports (DOMAIN.md: "support both behind one port,
 * chosen by configuration"). Provinces move from the session envelope to their LGSP one at a
 * time, so the choice is per province: the last group of the agency code names it
 * (`000.00.12.H12` -> `H12`, Quyết định 20/2020/QĐ-TTg). Dossiers of merged provinces keep
 * their old codes, so a merged province lists its old suffixes too.
 */
export function createRoutedNationalPortal(options: RoutedNationalPortalOptions): NationalPortal {
  const portalFor = (agencyCode: string): NationalPortal => {
    const province = agencyCode.slice(agencyCode.lastIndexOf('.') + 1);
    // hasOwn: an odd code must not reach Object.prototype members such as `constructor`.
    return Object.hasOwn(options.byProvince, province)
      ? (options.byProvince[province] ?? options.fallback)
      : options.fallback;
  };
  const everyPortal = [...new Set([options.fallback, ...Object.values(options.byProvince)])];

  return {
    syncDossier: (agencyCode, dossier, isUpdating) =>
      portalFor(agencyCode).syncDossier(agencyCode, dossier, isUpdating),
    updateProgress: (agencyCode, rows) => portalFor(agencyCode).updateProgress(agencyCode, rows),
    lookupDossier: (agencyCode, dossierCode) => portalFor(agencyCode).lookupDossier(agencyCode, dossierCode),
    // The catalogues are the portal's, one for every province: the fallback transport reads them.
    listCatalogue: (kind) => options.fallback.listCatalogue(kind),
    async ping() {
      // Health reports one national-portal dependency: it is up only when every transport is.
      await Promise.all(everyPortal.map((portal) => portal.ping()));
    },
  };
}
