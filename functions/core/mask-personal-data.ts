/**
 * Personal data in payloads shown to administrators without the pii:read scope: ID numbers,
 * phones, emails and applicants' names, in both the provincial and the national field names.
 */
const personalKeys = new Set([
  'idNumber',
  'phone',
  'email',
  'address',
  'SoDinhDanh',
  'SoGiayToChuHoSo',
  'SoDienThoai',
  'Email',
  'ChuHoSo',
  'ThongTinKhac',
  'HoTenNguoiNop',
  'SoCMNDNguoiNop',
  'DiaChiNguoiNop',
]);
/** Names are personal inside an applicant or payer, not as a procedure or fee name. */
const personalParents = new Set(['applicant', 'payer']);

export function maskValue(value: string): string {
  // Whole characters (NFC, by code point), so a Vietnamese letter is never cut from its accent.
  const characters = [...value.normalize('NFC')];
  if (characters.length <= 4) return '***';
  return `${characters.slice(0, 2).join('')}${'*'.repeat(Math.min(characters.length - 4, 8))}${characters.slice(-2).join('')}`;
}

export function maskPersonalData(value: unknown, parent?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, parent));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, nested]) => {
      const personal =
        personalKeys.has(key) || (key === 'name' && parent !== undefined && personalParents.has(parent));
      if (personal && typeof nested === 'string') return [key, maskValue(nested)];
      return [key, maskPersonalData(nested, key)];
    }),
  );
}
