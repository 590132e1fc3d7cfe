/**
 * A one-page PDF written by hand (PDF 1.4, ISO 32000-1 sections 7.5 and 9): catalog, page
 * tree, one page, the standard Helvetica font, one content stream, and a cross-reference table
 * with exact byte offsets, so any reader opens it. Helvetica's WinAnsi encoding has no
 * Vietnamese letters, so the text is written without diacritics, as on many printed receipts.
 */
export function receiptPdf(title: string, lines: readonly string[]): Uint8Array {
  const text = [title, '', ...lines].map((line, index) => {
    const content = `(${escapePdfText(toAscii(line))}) Tj`;
    return index === 0 ? `/F2 16 Tf ${content} /F1 11 Tf T* T*` : `${content} T*`;
  });
  const stream = `BT 56 780 Td 16 TL ${text.join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** Vietnamese letters without their marks (đ -> d), everything else outside ASCII as '?'. */
export function toAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/₫/g, 'VND')
    .replace(/[^\x20-\x7e]/g, '?');
}

function escapePdfText(text: string): string {
  return text.replace(/[\\()]/g, (character) => `\\${character}`);
}
