import type { Cell } from 'write-excel-file/node';
import { type MappingFileFormat, mappingFileColumns } from '../../contracts/code-mapping-api';
import type { CodeMapping } from '../../contracts/code-mappings';
import type { CatalogueKind } from '../../contracts/national-catalogues';
import type { MappingFileRow } from '../application/manage-code-mappings';
import { GatewayError } from '../core/gateway-error';
import { CSV_CONTENT_TYPE, csvText, XLSX_CONTENT_TYPE } from './spreadsheet-files';

/**
 * Mapping tables as files an administrator edits in a spreadsheet (issue 21): a header row
 * naming the columns (localCode, nationalCode, nationalName, in any order; other columns are
 * ignored), then one mapping per row. What an export writes, an import reads back.
 */

export const mappingFileTypes: Readonly<Record<MappingFileFormat, string>> = {
  csv: CSV_CONTENT_TYPE,
  xlsx: XLSX_CONTENT_TYPE,
};

/** The headers of a downloaded mapping table. */
export const mappingFileHeaders = (kind: CatalogueKind, format: MappingFileFormat) => ({
  'content-type': mappingFileTypes[format],
  'content-disposition': `attachment; filename="mappings-${kind}.${format}"`,
});

type Column = (typeof mappingFileColumns)[number];

function unreadable(message: string): GatewayError {
  return new GatewayError('request.invalid', message, { fieldErrors: [{ path: '$.file', message }] });
}

/** Rows of text cells -> mapping rows, numbered as a spreadsheet shows them (the header is row 1). */
function rowsOfCells(cells: readonly (readonly string[])[]): MappingFileRow[] {
  const [header, ...body] = cells;
  const positions = new Map(header?.map((title, index) => [title.trim(), index]));
  const missing = mappingFileColumns.slice(0, 2).filter((column) => !positions.has(column));
  if (missing.length > 0) {
    throw unreadable(
      `Dòng đầu của tệp phải có các cột ${mappingFileColumns.join(', ')}; thiếu ${missing.join(', ')} / ` +
        `The first row must name the columns ${mappingFileColumns.join(', ')}; missing ${missing.join(', ')}`,
    );
  }
  const cellOf = (row: readonly string[], column: Column) => {
    const index = positions.get(column);
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  return body.flatMap((row, index) => {
    if (row.every((cell) => cell.trim() === '')) return [];
    const nationalName = cellOf(row, 'nationalName');
    return [
      {
        row: index + 2,
        localCode: cellOf(row, 'localCode'),
        nationalCode: cellOf(row, 'nationalCode'),
        ...(nationalName ? { nationalName } : {}),
      },
    ];
  });
}

/** RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF), with or without a byte-order mark. */
function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let index = 0; index < body.length; index += 1) {
    const character = body[index];
    if (quoted) {
      if (character === '"' && body[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(cell);
      cell = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && body[index + 1] === '\n') index += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += character;
  }
  if (quoted) throw unreadable('Tệp CSV có dấu " chưa đóng / The CSV file has an unclosed quote');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** The rows of an uploaded file, by its format. */
export async function readMappingFile(
  format: MappingFileFormat,
  bytes: Uint8Array,
): Promise<MappingFileRow[]> {
  if (format === 'csv')
    return rowsOfCells(csvCells(new TextDecoder('utf-8', { fatal: false }).decode(bytes)));
  // Loaded only by an import; esbuild still bundles it into the API function (its budget counts it).
  const { readSheet } = await import('read-excel-file/universal');
  const copy = bytes.slice().buffer;
  const sheet = await readSheet(copy).catch((error: unknown) => {
    throw new GatewayError('request.invalid', 'Không đọc được tệp .xlsx / The .xlsx file cannot be read', {
      cause: error,
      fieldErrors: [{ path: '$.file', message: 'Không phải tệp .xlsx / Not an .xlsx file' }],
    });
  });
  return rowsOfCells(sheet.map((row) => row.map((cell) => (cell === null ? '' : String(cell)))));
}

/** A mapping table as the file an import reads back. */
export async function writeMappingFile(
  format: MappingFileFormat,
  mappings: readonly CodeMapping[],
): Promise<Uint8Array<ArrayBuffer>> {
  const rows = mappings.map((mapping) => [
    mapping.localCode,
    mapping.nationalCode,
    mapping.nationalName ?? '',
  ]);
  if (format === 'csv') {
    return new TextEncoder().encode(csvText([[...mappingFileColumns], ...rows]));
  }
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const header: Cell[] = mappingFileColumns.map((column) => ({ value: column, fontWeight: 'bold' }));
  // Codes as text: "1.010708" must not become a number.
  const body = rows.map((row) => row.map((value): Cell => ({ value, type: String, format: '@' })));
  const workbook = await writeXlsxFile([header, ...body], {
    sheet: 'mappings',
    columns: [{ width: 30 }, { width: 30 }, { width: 80 }],
    stickyRowsCount: 1,
  }).toBuffer();
  return new Uint8Array(workbook);
}
