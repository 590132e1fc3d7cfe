import {
  type InboundNationalDossier,
  inboundNationalDossierSchema,
  type NationalDossier,
} from '../../contracts/national-portal';
import { canonicalJson } from './canonical-json';

/**
 * Whether the record TraCuuHoSo answered is the one the gateway would send: both read the same
 * tolerant way ("" absent, flags and numbers in one spelling), so a portal that leaves out the
 * blank keys or writes 0 for "0" still matches. Fields the gateway does not read are ignored.
 */
export function sameNationalRecord(held: InboundNationalDossier, sent: NationalDossier): boolean {
  const ours = inboundNationalDossierSchema.safeParse(sent);
  return ours.success && canonicalJson(ours.data) === canonicalJson(held);
}
