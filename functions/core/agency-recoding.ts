import {
  type AgencyRecodingRow,
  type AgencyRecodingView,
  agencyRecodingFileSchema,
} from '../../contracts/agency-recoding';
import { dayOfDossierCode } from '../../contracts/codes';
import type { FieldError } from '../../contracts/problem';
import { GatewayError } from './gateway-error';
import { toJsonPath } from './json-path';

/**
 * Agency codes after the 2025 reorganisation (DOMAIN.md): a retired code leads to its
 * replacement from a Vietnam calendar day on, and a replacement may itself be retired later
 * (a chain). Days are yyyy-MM-dd strings, which compare in calendar order.
 */
export interface AgencyRecoding {
  readonly version: string;
  readonly rows: readonly AgencyRecodingRow[];
  /** One row per retired code: loading refuses a second one. */
  readonly byRetiredCode: ReadonlyMap<string, AgencyRecodingRow>;
}

const rowPath = (index: number, field?: keyof AgencyRecodingRow) =>
  toJsonPath(field ? ['rows', index, field] : ['rows', index]);

/**
 * Parses and checks the table an administrator maintains; every mistake is reported at once
 * with its row path, so a bad edit fails the build's test and, failing that, the cold start —
 * never a request.
 */
export function loadAgencyRecoding(raw: unknown): AgencyRecoding {
  const parsed = agencyRecodingFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw invalidTable(
      parsed.error.issues.map((issue) => ({ path: toJsonPath(issue.path), message: issue.message })),
    );
  }
  const { version, rows } = parsed.data;
  const problems: FieldError[] = [];
  const indexOfRetired = new Map<string, number>();
  rows.forEach((row, index) => {
    const earlier = indexOfRetired.get(row.retiredCode);
    if (earlier === undefined) {
      indexOfRetired.set(row.retiredCode, index);
      return;
    }
    problems.push({
      path: rowPath(index, 'retiredCode'),
      message:
        `Mã ${row.retiredCode} đã ngừng dùng ở ${rowPath(earlier)}; mỗi mã chỉ có một dòng / ` +
        `${row.retiredCode} is already retired by ${rowPath(earlier)}: a retirement has no end date, so two rows ` +
        'for one code always overlap — keep one, and record a later change as a row retiring its replacement',
    });
  });
  const rowOf = (code: string) => {
    const index = indexOfRetired.get(code);
    return index === undefined ? undefined : { index, row: rows[index] as AgencyRecodingRow };
  };

  const inCycle = new Set<string>();
  rows.forEach((row, index) => {
    if (inCycle.has(row.retiredCode)) return;
    const path = [row.retiredCode];
    let code = row.replacementCode;
    // Each step visits a new code, so the walk ends within the number of rows.
    while (!path.includes(code)) {
      path.push(code);
      const next = rowOf(code);
      if (!next) return;
      code = next.row.replacementCode;
    }
    if (code !== row.retiredCode) return; // a cycle further on, reported from one of its own rows
    for (const member of path) inCycle.add(member);
    const cycle = [...path, code].join(' -> ');
    problems.push({
      path: rowPath(index, 'replacementCode'),
      message:
        path.length === 1
          ? `Mã ${code} không thể thay bằng chính nó / ${code} cannot replace itself`
          : `Vòng lặp đổi mã ${cycle} / Re-coding cycle ${cycle}: no code would ever be current`,
    });
  });

  // A replacement already retired when its row takes effect was never a code to use: naming it
  // in a refusal would send the caller to another refusal.
  rows.forEach((row, index) => {
    const onward = rowOf(row.replacementCode);
    if (!onward || inCycle.has(row.retiredCode) || onward.row.effectiveFrom > row.effectiveFrom) return;
    problems.push({
      path: rowPath(index, 'replacementCode'),
      message:
        `Mã thay thế ${row.replacementCode} cũng ngừng dùng từ ${onward.row.effectiveFrom} (${rowPath(onward.index)}) / ` +
        `The replacement ${row.replacementCode} is itself retired from ${onward.row.effectiveFrom} ` +
        `(${rowPath(onward.index)}), no later than this row takes effect (${row.effectiveFrom}): map ` +
        `${row.retiredCode} to ${onward.row.replacementCode} directly, or retire ${row.replacementCode} later`,
    });
  });

  if (problems.length > 0) throw invalidTable(problems);
  return {
    version,
    rows,
    byRetiredCode: new Map(rows.map((row) => [row.retiredCode, row])),
  };
}

function invalidTable(problems: readonly FieldError[]): GatewayError {
  const listed = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
  return new GatewayError(
    'config.invalid',
    `Bảng đổi mã cơ quan không hợp lệ, ${problems.length} lỗi / The agency re-coding table is invalid, ` +
      `${problems.length} error(s): ${listed}`,
    { fieldErrors: problems },
  );
}

/**
 * The codes an agency code has been replaced by on a Vietnam day, in order; empty while the
 * code is in use. Loading refused cycles, and each link of a chain takes effect later than
 * the one before, so the walk is short; the step bound is there all the same.
 */
export function replacementsOn(recoding: AgencyRecoding, agencyCode: string, day: string): string[] {
  const chain: string[] = [];
  let row = recoding.byRetiredCode.get(agencyCode);
  for (let step = 0; row && row.effectiveFrom <= day && step < recoding.rows.length; step += 1) {
    chain.push(row.replacementCode);
    row = recoding.byRetiredCode.get(row.replacementCode);
  }
  return chain;
}

/** The code in use on a Vietnam day for what `agencyCode` named. */
export function currentAgencyCode(recoding: AgencyRecoding, agencyCode: string, day: string): string {
  return replacementsOn(recoding, agencyCode, day).at(-1) ?? agencyCode;
}

/**
 * Why a dossier the gateway has never seen may not start under its agency code, if it may
 * not: the code was retired on or before the day its MaHoSo was issued. A dossier issued
 * earlier is legitimate under the old code, however late it first reaches the gateway.
 */
export function retiredAgencyRefusal(
  recoding: AgencyRecoding,
  dossierCode: string,
  agencyCode: string,
): GatewayError | undefined {
  const day = dayOfDossierCode(dossierCode);
  const row = recoding.byRetiredCode.get(agencyCode);
  if (!row || row.effectiveFrom > day) return undefined;
  const replacementCode = currentAgencyCode(recoding, agencyCode, day);
  const message =
    `Mã cơ quan ${agencyCode} đã được thay bằng ${replacementCode} từ ngày ${row.effectiveFrom}; hồ sơ mới dùng mã ${replacementCode} / ` +
    `Agency code ${agencyCode} was replaced by ${replacementCode} from ${row.effectiveFrom}: new dossiers use ${replacementCode}`;
  return new GatewayError('agency.retired', message, {
    fieldErrors: [
      { path: '$.agencyCode', message },
      {
        path: '$.dossierCode',
        message: `Mã hồ sơ mới bắt đầu bằng ${replacementCode} / A new dossier code starts with ${replacementCode}`,
      },
    ],
    details: { retiredCode: agencyCode, replacementCode, effectiveFrom: row.effectiveFrom },
  });
}

/** The table as the admin API shows it: each row with where its retired code leads on `day`. */
export function viewAgencyRecoding(recoding: AgencyRecoding, day: string): AgencyRecodingView {
  return {
    version: recoding.version,
    rows: recoding.rows.map((row) => ({
      ...row,
      currentCode: currentAgencyCode(recoding, row.retiredCode, day),
    })),
  };
}
