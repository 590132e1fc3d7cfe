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
