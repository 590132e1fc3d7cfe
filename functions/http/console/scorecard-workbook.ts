import type { Cell } from 'write-excel-file/node';
import type { ExportSheet } from './scorecard-export';

/** Title, blank row, headers: what stays in view while the rows scroll. */
const HEADING_ROWS = 3;

/**
 * The sheet as an .xlsx workbook (write-excel-file): the title across the columns, bold
 * headers, numbers as numbers with rates and points at two decimals, text as text (a dossier
 * code must not turn into a number or a date).
 */
export async function toXlsx(sheet: ExportSheet): Promise<Buffer> {
  // Imported here so that only an export loads the writer; esbuild still bundles it into the API
  // function, which its budget accounts for (infra/topology/functions.ts).
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const width = sheet.columns.length;
  const title: Cell[] = [
    { value: sheet.title, fontWeight: 'bold', columnSpan: width },
    ...Array.from({ length: width - 1 }, () => null),
  ];
  const headers: Cell[] = sheet.columns.map((column) => ({
    value: column.header,
    fontWeight: 'bold',
    wrap: true,
  }));
  const rows = sheet.rows.map((row) =>
    row.map(
      (value, index): Cell =>
        typeof value === 'number'
          ? { value, type: Number, ...(sheet.columns[index]?.twoDecimals ? { format: '0.00' } : {}) }
          : { value, type: String, format: '@' },
    ),
  );
  return writeXlsxFile([title, [], headers, ...rows], {
    sheet: sheet.name,
    columns: sheet.columns.map((column) => ({ width: column.width })),
    stickyRowsCount: HEADING_ROWS,
  }).toBuffer();
}
