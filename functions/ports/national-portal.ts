import type { NationalDossier, NationalProgressRow } from '../../contracts/national-portal';

export interface NationalAcknowledgement {
  readonly errorCode: string;
  readonly message: string;
  /** True when the portal had the dossier already and the call was switched to an update. */
  readonly switchedToUpdate: boolean;
}

/**
 * The National Public Service Portal, whatever transport reaches it. Throws GatewayError
 * 'national.transient' (retry), 'national.rejected' (park) or 'national.authentication'.
 */
export interface NationalPortal {
  /** DongBoHoSoMC; "already exists" on a first sync is answered by switching to an update. */
  syncDossier(
    agencyCode: string,
    dossier: NationalDossier,
    isUpdating: boolean,
  ): Promise<NationalAcknowledgement>;
  /** CapNhatTienDoHoSoMC, sent in chunks of at most NATIONAL_PROGRESS_CHUNK rows, in order. */
  updateProgress(agencyCode: string, rows: readonly NationalProgressRow[]): Promise<NationalAcknowledgement>;
  /** TraCuuHoSo: what the portal holds for a dossier, or undefined when it has none. */
  lookupDossier(agencyCode: string, dossierCode: string): Promise<NationalDossier | undefined>;
  ping(): Promise<void>;
}
