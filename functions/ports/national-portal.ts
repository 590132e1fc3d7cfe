import type { CatalogueEntry, CatalogueKind } from '../../contracts/national-catalogues';
import type {
  InboundNationalDossier,
  NationalDossier,
  NationalProgressRow,
} from '../../contracts/national-portal';

export interface NationalAcknowledgement {
  /** The portal's error_code, as a number (0: success). */
  readonly errorCode: number;
  readonly message: string;
  /** True when the portal had the dossier already and the call was switched to an update. */
  readonly switchedToUpdate: boolean;
}

/**
 * The National Public Service Portal, whatever transport reaches it. Throws GatewayError
 * 'national.transient' (retry), 'national.rejected' (park) or 'national.authentication'.
 */
export interface NationalPortal {
  /**
   * DongBoHoSoMC with isUpdating "False" or "True"; "already exists" (3/-3) on a first sync
   * is answered by switching to an update [TH].
   */
  syncDossier(
    agencyCode: string,
    dossier: NationalDossier,
    isUpdating: boolean,
  ): Promise<NationalAcknowledgement>;
  /** CapNhatTienDoHoSoMC, sent in chunks of at most NATIONAL_PROGRESS_CHUNK rows, in order. */
  updateProgress(agencyCode: string, rows: readonly NationalProgressRow[]): Promise<NationalAcknowledgement>;
  /**
   * TraCuuHoSo {mahoso}: the portal's record of a dossier (read tolerantly), or undefined
   * when it holds none (an empty `result`) [OCPS hasSyncDossier].
   */
  lookupDossier(agencyCode: string, dossierCode: string): Promise<InboundNationalDossier | undefined>;
  /**
   * A whole national catalogue, from the share endpoint (DOMAIN.md): every row the gateway can
   * read, and how many it could not (a partial answer is the caller's to judge, never guessed at).
   */
  listCatalogue(kind: CatalogueKind): Promise<NationalCatalogue>;
  ping(): Promise<void>;
}

export interface NationalCatalogue {
  readonly entries: readonly CatalogueEntry[];
  readonly unreadableRows: number;
}
