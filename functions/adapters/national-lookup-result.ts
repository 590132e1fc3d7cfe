import { type InboundNationalDossier, inboundNationalDossierSchema } from '../../contracts/national-portal';
import { GatewayError } from '../core/gateway-error';

/**
 * The record a TraCuuHoSo answer holds: none for an empty `result` [OCPS hasSyncDossier], else
 * the first, read tolerantly ("" absent, numbers and flags in either spelling). Shared by both
 * transports. A record the gateway cannot read at all is a transient failure: nothing is
 * decided on it.
 */
export function readLookupResult(result: unknown, dossierCode: string): InboundNationalDossier | undefined {
  const [first] = Array.isArray(result) ? result : [];
  if (first === undefined) return undefined;
  const parsed = inboundNationalDossierSchema.safeParse(first);
  if (!parsed.success || parsed.data.MaHoSo !== dossierCode) {
    throw new GatewayError(
      'national.transient',
      `TraCuuHoSo answered a record for ${dossierCode} that the gateway cannot read`,
    );
  }
  return parsed.data;
}
