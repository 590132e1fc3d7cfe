import { strFromU8, unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';

/**
 * A produced .xlsx read back by an independent reader (read-excel-file), plus what that reader
 * does not report: the number format each cell is shown with, from the workbook's own XML.
 */
export async function readWorkbook(bytes: Uint8Array) {
  const buffer = Buffer.from(bytes);
  const rows = await readSheet(buffer);
  const parts = unzipSync(new Uint8Array(buffer));
  const part = (name: string) => {
    const found = parts[name];
    if (!found) throw new Error(`the workbook has no ${name}`);
    return strFromU8(found);
  };
  const styles = part('xl/styles.xml');
  const customFormats = new Map(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((match) => [
      match[1],
      match[2],
    ]),
  );
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const formatIds = [...cellXfs.matchAll(/<xf\b([^>]*)>/g)].map(
    (match) => /numFmtId="(\d+)"/.exec(match[1] ?? '')?.[1] ?? '0',
  );
  const sheetXml = part('xl/worksheets/sheet1.xml');
  /** The format code of a cell such as "E4" ("General" when it has none). */
  const numberFormat = (reference: string) => {
    const style = new RegExp(`<c r="${reference}"[^>]*?\\bs="(\\d+)"`).exec(sheetXml)?.[1];
    const id = style === undefined ? '0' : (formatIds[Number(style)] ?? '0');
    return id === '0' ? 'General' : (customFormats.get(id) ?? `builtin:${id}`);
  };
  const sheetNames = [...part('xl/workbook.xml').matchAll(/<sheet\b[^>]*?name="([^"]*)"/g)].map(
    (match) => match[1],
  );
  const merged = [...sheetXml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((match) => match[1]);
  return { rows, numberFormat, sheetNames, merged };
}
