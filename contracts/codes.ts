import * as z from 'zod';
import './bilingual-issue-message';

/**
 * Code formats of the one-stop-shop system (DOMAIN.md, "Codes"). Every message is
 * bilingual because vendors' developers and the province's administrators read them.
 */

const AGENCY_PATTERN = String.raw`\d{3}\.\d{2}\.\d{2}\.[HG]\d{2}`;
// The daily sequence has 4 digits or more: [TH] (HuanVu201/DichVuCong_KhoaLuan_PASETO,
// SyncLocalDataToDVCQGService.cs GetMaHoSo) issues 5-digit ones. Eight bounds it.
const DOSSIER_CODE = new RegExp(`^${AGENCY_PATTERN}-(\\d{6})-\\d{4,8}$`);

export const agencyCodeSchema = z
  .string()
  .regex(
    new RegExp(`^${AGENCY_PATTERN}$`),
    'Mã cơ quan không hợp lệ / Invalid agency code: expected DDD.DD.DD.Xnn, X = H (province) or G (ministry), e.g. 000.00.12.H56',
  )
  .meta({ description: 'Agency (unit) code, Quyết định 20/2020/QĐ-TTg', example: '000.00.12.H12' });

/** Whether the day exists (no 30 February); setUTCFullYear, unlike Date.UTC, keeps years 0-99. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Dossier codes carry yyMMdd of this century (DOMAIN.md, "Codes"). */
function isCalendarDateYYMMDD(yymmdd: string): boolean {
  return isCalendarDate(
    2000 + Number(yymmdd.slice(0, 2)),
    Number(yymmdd.slice(2, 4)),
    Number(yymmdd.slice(4, 6)),
  );
}

export const dossierCodeSchema = z
  .string()
  .regex(
    DOSSIER_CODE,
    'Mã hồ sơ không hợp lệ / Invalid dossier code: expected <agency code>-<yyMMdd>-<sequence of 4 to 8 digits>, e.g. 000.00.12.H12-250314-0007',
  )
  // Only a well-formed code can have a bad date; the regex speaks for the rest.
  .refine((code) => !DOSSIER_CODE.test(code) || isCalendarDateYYMMDD(DOSSIER_CODE.exec(code)?.[1] ?? ''), {
    message: 'Ngày trong mã hồ sơ không tồn tại / The date inside the dossier code is not a calendar date',
  })
  .meta({ description: 'Dossier code (MaHoSo)', example: '000.00.12.H12-250314-0007' });

/** The receiving agency a dossier code starts with; the portal checks this prefix. */
export function agencyOfDossierCode(dossierCode: string): string {
  return dossierCode.slice(0, dossierCode.indexOf('-'));
}

/** The day a dossier code was issued (its yyMMdd, a Vietnam calendar day), as yyyy-MM-dd. */
export function dayOfDossierCode(dossierCode: string): string {
  const yymmdd = DOSSIER_CODE.exec(dossierCode)?.[1];
  if (!yymmdd) throw new Error(`not a dossier code: ${dossierCode}`);
  return `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

export const procedureCodeSchema = z
  .string()
  .regex(
    /^\d\.\d{6}(\.000\.00\.00\.[HG]\d{2})?$/,
    'Mã thủ tục hành chính không hợp lệ / Invalid procedure code: expected d.dddddd or d.dddddd.000.00.00.Xnn',
  )
  .meta({ description: 'Procedure code (MaTTHC)', example: '1.010708.000.00.00.H12' });

export const fieldCodeSchema = z
  .string()
  .regex(
    /^G\d{2}-[A-Z]{2}\d{2}$/,
    'Mã lĩnh vực không hợp lệ / Invalid field code: expected Gnn-XXnn, e.g. G03-GD10',
  )
  .meta({ description: 'Field code (MaLinhVuc)', example: 'G03-GD10' });

export const personalIdSchema = z
  .string()
  .regex(
    /^(\d{12}|\d{9})$/,
    'Số định danh không hợp lệ / Invalid ID number: 12 digits (CCCD) or 9 digits (old CMND)',
  )
  .meta({ description: 'Citizen ID: 12-digit CCCD or 9-digit CMND', example: '001203004567' });

/**
 * A business's tax code (mã số thuế): 10 digits, or 10 digits `-` 3 digits for a branch
 * (DOMAIN.md, "Codes"); a business applicant is identified by it ([OCPS] LoaiDoiTuong 2).
 */
export const taxCodeSchema = z
  .string()
  .regex(
    /^\d{10}(-\d{3})?$/,
    'Mã số thuế không hợp lệ / Invalid tax code: 10 digits, or 10 digits-3 digits for a branch',
  )
  .meta({ description: 'Tax code (mã số thuế) of a business', example: '0101234567' });

export const phoneSchema = z
  .string()
  .regex(
    // Mobile numbers have 10 digits with the leading 0, landlines 11 (0 + area code 2x + 8);
    // the digit after the prefix is never 0.
    /^(\+84|0)[1-9]\d{8,9}$/,
    'Số điện thoại không hợp lệ / Invalid phone number: 0 or +84, then 9 to 10 digits not starting with 0',
  )
  .meta({ example: '0912345678' });

export const vndAmountSchema = z
  .number()
  .int('Số tiền phải là số nguyên VND / Amount must be a whole number of VND')
  .positive('Số tiền phải lớn hơn 0 / Amount must be greater than 0')
  .max(Number.MAX_SAFE_INTEGER)
  .meta({ description: 'Amount in VND (integer)', example: 250000 });

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The year on the wall clocks of Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving). */
function vietnamYear(isoInstant: string): number {
  return new Date(Date.parse(isoInstant) + VIETNAM_OFFSET_MS).getUTCFullYear();
}

/**
 * Free text a person typed (a name, an address, a fee's label): trimmed, then at least one
 * character and at most `max`. One schema with three checks rather than a chain of four schemas:
 * each link of a zod chain is a schema built at module load, and the contracts build these at
 * every cold start (issue 24).
 */
export const requiredText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const isoDateTimeSchema = z.iso
  .datetime({
    offset: true,
    message:
      'Thời gian không hợp lệ / Invalid time: ISO 8601 with an offset expected, e.g. 2025-03-14T08:30:00+07:00',
  })
  // The national side writes yyyyMMddHHmmss in Vietnam time: a four-digit year there.
  .refine(
    (time) => {
      const year = vietnamYear(time);
      return Number.isNaN(year) || (year >= 0 && year <= 9999);
    },
    {
      message:
        'Thời gian phải trong các năm 0000–9999 theo giờ Việt Nam / The time must fall within years 0000–9999 in Vietnam time',
    },
  )
  .meta({ example: '2025-03-14T08:30:00+07:00' });

/** National-side timestamp: yyyyMMddHHmmss in Vietnam time, always a string. */
const NATIONAL_TIMESTAMP = /^(\d{4})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$/;

export const nationalTimestampSchema = z
  .string()
  .regex(NATIONAL_TIMESTAMP, 'Thời gian không hợp lệ / Invalid time: yyyyMMddHHmmss (Vietnam time) expected')
  // Only a well-formed timestamp can have a bad date; the regex speaks for the rest.
  .refine(
    (timestamp) => {
      const parts = NATIONAL_TIMESTAMP.exec(timestamp);
      return !parts || isCalendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3]));
    },
    { message: 'Ngày không tồn tại / Not a calendar date (e.g. 30 February)' },
  )
  .meta({ example: '20250314083000' });

/** A Vietnam calendar day (reconciliation days, indicator periods, holidays). */
export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Ngày dạng yyyy-MM-dd / A day as yyyy-MM-dd')
  .refine(
    (day) =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
      new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    {
      message: 'Ngày không tồn tại / Not a calendar day',
    },
  )
  .meta({ description: 'A calendar day in Vietnam time', example: '2025-03-14' });
