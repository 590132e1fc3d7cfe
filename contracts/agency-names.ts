import * as z from 'zod';
import { agencyCodeSchema } from './codes';

/**
 * The unit names the gateway knows (config/agency-names.json), sent to the portal as
 * DonViXuLy, which is the processing unit's name, not its code [OCPS getGovAgencyName, TH
 * GroupName, HG Org.FName]. A dossier's own `agencyName` wins; the national catalogue
 * (LayDanhMucCoQuan: MADONVI -> TENDONVI) takes this table's place once it is loaded.
 */
export const agencyNameRowSchema = z
  .strictObject({
    agencyCode: agencyCodeSchema,
    name: z.string().trim().min(1).max(300).meta({ description: 'TENDONVI: the unit’s name' }),
  })
  .meta({ id: 'AgencyNameRow' });

export const agencyNamesFileSchema = z.strictObject({
  /** Changes with every edit, so an administrator can tell which table a running function loaded. */
  version: z.string().min(1).max(100),
  /**
   * Strict mode: a dossier whose unit name nobody knows (no agencyName, no row here) is refused
   * with 422 agency.nameUnknown instead of being sent with its code as DonViXuLy.
   */
  strict: z.boolean(),
  names: z.array(agencyNameRowSchema).max(50_000),
});
