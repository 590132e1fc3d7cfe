import {
  PAYMENT_PROTOCOL_VERSION,
  type PlatformTransaction,
  platformTransactionSchema,
} from '../../contracts/payment-platform';
import { GatewayError } from '../core/gateway-error';
import { computeDocumentChecksum, verifyDocumentChecksum } from '../core/payment-checksum';

/**
 * Reads the platform's daily transaction list (the [inferred] format documented at
 * `platformTransactionSchema` in contracts/payment-platform.ts). All or nothing: a file whose
 * header, counts, sum or trailer checksum do not agree is refused, because reconciling against
 * half a file would report every missing line as a mismatch.
 */
export function parseTransactionList(
  text: string,
  expected: { readonly partnerCode: string; readonly day: string; readonly secrets: readonly string[] },
): PlatformTransaction[] {
  const invalid = (why: string) =>
    new GatewayError(
      'reconciliation.fileInvalid',
      `Tệp đối soát không hợp lệ / Transaction list refused: ${why}`,
    );
  const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  const header = lines[0]?.split('|') ?? [];
  const trailer = lines.at(-1)?.split('|') ?? [];
  if (header[0] !== 'H' || trailer[0] !== 'T' || lines.length < 2)
    throw invalid('no header or trailer record');
  if (header[2] !== expected.partnerCode)
    throw invalid(`partner ${header[2]} is not ${expected.partnerCode}`);
  if (header[3] !== expected.day.replace(/-/g, '')) throw invalid(`it is the list of ${header[3]}`);
  const [, count = '', total = '', checksum = ''] = trailer;
  const signed = [...lines.slice(0, -1), `T|${count}|${total}`].join('\n');
  if (!verifyDocumentChecksum(signed, checksum, expected.secrets))
    throw invalid('the trailer checksum does not match');

  const transactions = lines.slice(1, -1).map((line, index) => {
    const [kind, MaThamChieu, MaGiaoDich, SoTien, MaTienTe, TrangThaiGD, ThoiGianGD, MaNganHang, ...rest] =
      line.split('|');
    const parsed = platformTransactionSchema.safeParse({
      MaThamChieu,
      MaGiaoDich,
      SoTien,
      MaTienTe,
      TrangThaiGD,
      ThoiGianGD,
      MaNganHang,
    });
    if (kind !== 'D' || rest.length > 0 || !parsed.success)
      throw invalid(`line ${index + 2} is not a D record`);
    return parsed.data;
  });
  if (String(transactions.length) !== count)
    throw invalid(`${transactions.length} records, the trailer says ${count}`);
  const sum = transactions.reduce((acc, transaction) => acc + Number(transaction.SoTien), 0);
  if (String(sum) !== total) throw invalid(`the records add up to ${sum}, the trailer says ${total}`);
  return transactions;
}

/** Writes a transaction list in the same format; tests build fixtures with it (the simulator has its own). */
export function formatTransactionList(
  transactions: readonly PlatformTransaction[],
  options: { readonly partnerCode: string; readonly day: string; readonly secret: string },
): string {
  const lines = [
    `H|${PAYMENT_PROTOCOL_VERSION}|${options.partnerCode}|${options.day.replace(/-/g, '')}`,
    ...transactions.map((transaction) =>
      [
        'D',
        transaction.MaThamChieu,
        transaction.MaGiaoDich,
        transaction.SoTien,
        transaction.MaTienTe,
        transaction.TrangThaiGD,
        transaction.ThoiGianGD,
        transaction.MaNganHang,
      ].join('|'),
    ),
  ];
  const total = transactions.reduce((acc, transaction) => acc + Number(transaction.SoTien), 0);
  const closing = `T|${transactions.length}|${total}`;
  const checksum = computeDocumentChecksum([...lines, closing].join('\n'), options.secret);
  return `${[...lines, `${closing}|${checksum}`].join('\n')}\n`;
}
