/**
 * The names the gateway knows for the codes a dossier carries, for its national record: unit
 * names for DonViXuLy (a name, not a code: DOMAIN.md) and the field a procedure is filed under.
 * The national catalogues answer first once loaded (issue 21); the configured table
 * (config/agency-names.json) answers for units they do not list, and before they ever loaded.
 */
export interface AgencyNames {
  /** Strict mode: a dossier whose unit name nobody knows is refused rather than sent with its code. */
  readonly strict: boolean;
  nameOf(agencyCode: string): Promise<string | undefined>;
  /**
   * MaLinhVuc and TenLinhVuc of a procedure as the national catalogue files it, for a dossier
   * that sends none ([OCPS] fills them from LayThuTuc for every dossier it syncs).
   */
  fieldOf?(procedureCode: string): Promise<{ fieldCode: string; fieldName: string } | undefined>;
}
