const ZERO_GROUP = /^0+$/;

/**
 * Whether `unitCode` is the agency itself or one of its sub-units [inferred from Quyết định
 * 20/2020/QĐ-TTg]: a code reads right to left — province or ministry (Hnn/Gnn), then level 2,
 * level 3, level 4 — and zero groups on the left leave the lower levels open. 000.00.00.H56 holds
 * every unit of H56; 000.00.12.H56 holds 000.34.12.H56 and 001.34.12.H56. "Tỉnh, xã: Tính trên hồ
 * sơ có cơ quan thực hiện là Tỉnh/xã tương ứng và các đơn vị cấp dưới" [766 4.1].
 */
export function agencyIncludes(agencyCode: string, unitCode: string): boolean {
  const agency = agencyCode.split('.');
  const unit = unitCode.split('.');
  if (agency.length !== 4 || unit.length !== 4) return agencyCode === unitCode;
  const firstFixed = agency.findIndex((group, index) => index === 3 || !ZERO_GROUP.test(group));
  return agency.every((group, index) => index < firstFixed || group === unit[index]);
}
