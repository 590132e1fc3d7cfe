/**
 * The unit names the gateway knows, for DonViXuLy (a name, not a code: DOMAIN.md). Today a
 * configured table (config/agency-names.json); the national catalogue plugs in here later.
 */
export interface AgencyNames {
  /** Strict mode: a dossier whose unit name nobody knows is refused rather than sent with its code. */
  readonly strict: boolean;
  nameOf(agencyCode: string): Promise<string | undefined>;
}
