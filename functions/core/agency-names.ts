import { agencyNamesFileSchema } from '../../contracts/agency-names';
import type { FieldError } from '../../contracts/problem';
import { GatewayError } from './gateway-error';
import { toJsonPath } from './json-path';

/** The configured unit names (config/agency-names.json), checked. */
export interface AgencyNameTable {
  readonly version: string;
  readonly strict: boolean;
  readonly byCode: ReadonlyMap<string, string>;
}

/**
 * Parses and checks the table an administrator maintains; every mistake is reported at once
 * with its row path (a code listed twice included), so a bad edit fails the build's test and,
 * failing that, the cold start — never a request.
 */
export function loadAgencyNames(raw: unknown): AgencyNameTable {
  const parsed = agencyNamesFileSchema.safeParse(raw);
  const problems: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: toJsonPath(issue.path), message: issue.message }));
  const byCode = new Map<string, string>();
  const firstRow = new Map<string, number>();
  (parsed.data?.names ?? []).forEach((row, index) => {
    const earlier = firstRow.get(row.agencyCode);
    if (earlier === undefined) {
      firstRow.set(row.agencyCode, index);
      byCode.set(row.agencyCode, row.name);
      return;
    }
    problems.push({
      path: toJsonPath(['names', index, 'agencyCode']),
      message: `Mã ${row.agencyCode} đã có tên ở ${toJsonPath(['names', earlier])} / ${row.agencyCode} is already named by ${toJsonPath(['names', earlier])}; keep one row`,
    });
  });
  if (!parsed.success || problems.length > 0) {
    throw new GatewayError(
      'config.invalid',
      'Bảng tên đơn vị không hợp lệ / config/agency-names.json is invalid; every problem is listed',
      { fieldErrors: problems },
    );
  }
  return { version: parsed.data.version, strict: parsed.data.strict, byCode };
}

/**
 * Strict mode's refusal of a dossier whose unit name nobody knows; it names both fixes, the
 * vendor's and the administrator's.
 */
export function agencyNameUnknown(agencyCode: string): GatewayError {
  return new GatewayError(
    'agency.nameUnknown',
    `Chưa biết tên đơn vị ${agencyCode} để gửi Cổng DVCQG (DonViXuLy): gửi agencyName trong hồ sơ, hoặc quản trị viên thêm mã vào config/agency-names.json / ` +
      `The gateway knows no unit name for ${agencyCode}, which the national portal needs as DonViXuLy: send agencyName in the dossier, or have an administrator add the code to config/agency-names.json`,
    {
      details: { agencyCode },
      fieldErrors: [{ path: '$.agencyName', message: 'Thiếu tên đơn vị / The unit name is missing' }],
    },
  );
}
