/**
 * The spreadsheet files the console and the admin API hand out (the scorecard, the audit log,
 * the mapping tables): their content types and how CSV text is written.
 */

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type CsvValue = string | number;

/** A CSV cell, quoted only when it must be, so that what an export writes an import reads back. */
export const csvCell = (value: CsvValue) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * A CSV cell of free text someone typed (a reason, a name): quoted, and never read as a formula
 * by a spreadsheet (OWASP CSV injection).
 */
export function freeTextCsvCell(value: CsvValue): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Rows as CSV with a byte-order mark: spreadsheet programs read the Vietnamese as UTF-8 only with it. */
export function csvText(
  rows: readonly (readonly CsvValue[])[],
  cell: (value: CsvValue) => string = csvCell,
): string {
  const lines = rows.map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
