import type { NationalDossier } from '../../contracts/national-portal';

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
  syncDossier(
    agencyCode: string,
    dossier: NationalDossier,
    isUpdating: boolean,
  ): Promise<NationalAcknowledgement>;
  ping(): Promise<void>;
}
