import { type AgencyRecoding, replacementsOn } from './agency-recoding';

/**
 * A client is granted agency codes exactly (000.00.00.H12) or by suffix (*.H12: every unit
 * of province H12). Suffix grants follow the code's last group, which names the province or
 * ministry (Quyết định 20/2020/QĐ-TTg).
 */
export function mayActForAgency(grants: readonly string[], agencyCode: string): boolean {
  return grants.some((grant) =>
    grant.startsWith('*')
      ? agencyCode.endsWith(grant.slice(1)) && agencyCode.length > grant.length - 1
      : grant === agencyCode,
  );
}

/**
 * After the 2025 reorganisation a grant of a replacement code also covers the codes it
 * replaced, once the replacement is in force on `day` (a Vietnam calendar day): the merged
 * province's system acts on dossiers still carrying the old codes. Grants of the old code
 * keep working; retiring a client is the registry's business, not the table's.
 */
export function mayActForAgencyOn(
  grants: readonly string[],
  agencyCode: string,
  recoding: AgencyRecoding,
  day: string,
): boolean {
  return [agencyCode, ...replacementsOn(recoding, agencyCode, day)].some((code) =>
    mayActForAgency(grants, code),
  );
}

/**
 * Whether two grants can cover one agency code: equal grants, an exact code inside a suffix
 * grant, or two suffix grants of which one ends the other. Two systems holding overlapping
 * grants would both claim the agency's dossiers and webhooks, so registration refuses it.
 */
export function grantsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.startsWith('*') && b.startsWith('*')) return a.endsWith(b.slice(1)) || b.endsWith(a.slice(1));
  return mayActForAgency([a], b) || mayActForAgency([b], a);
}
