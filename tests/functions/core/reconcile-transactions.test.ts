import { describe, expect, it } from 'vitest';
import type { PlatformTransaction } from '../../../contracts/payment-platform';
import {
  type GatewayPaymentFacts,
  reconcileTransactions,
} from '../../../functions/core/reconcile-transactions';

const row = (
  reference: string,
  amount: number,
  state: '1' | '3' | '4',
  id = `PG-${reference}`,
): PlatformTransaction => ({
  MaThamChieu: reference,
  MaGiaoDich: id,
  SoTien: String(amount),
  MaTienTe: 'VND',
  TrangThaiGD: state,
  ThoiGianGD: '20250314090000',
  MaNganHang: 'VCB',
});
const payment = (
  reference: string,
  amount: number,
  state: GatewayPaymentFacts['state'],
): GatewayPaymentFacts => ({
  paymentId: `id-${reference}`,
  reference,
  dossierCode: '000.00.12.H12-250314-0007',
  amount,
  state,
});

describe('reconcileTransactions', () => {
  it('matches agreeing transactions and reports every kind of disagreement', () => {
    const outcome = reconcileTransactions(
      [
        row('A', 8000, '1'),
        row('B', 9000, '1'),
        row('C', 5000, '1'),
        row('D', 7000, '4'),
        row('E', 1000, '3'),
      ],
      [
        payment('A', 8000, 'paid'),
        payment('B', 8000, 'paid'),
        payment('C', 5000, 'pending'),
        payment('D', 7000, 'expired'),
        payment('E', 1000, 'initiating'),
        payment('F', 2000, 'paid'),
      ],
    );
    expect(outcome.matched).toBe(3);
    expect(outcome.entries.map((entry) => [entry.kind, entry.reference])).toEqual([
      ['amountMismatch', 'B'],
      ['statusMismatch', 'C'],
      ['missingOnPlatform', 'F'],
    ]);
    expect(outcome.entries[0]).toMatchObject({ gatewayAmount: 8000, platformAmount: 9000 });
  });

  it('reports a transaction the gateway never made, and a second one under a known reference', () => {
    const outcome = reconcileTransactions(
      [row('A', 8000, '1', 'PG1'), row('A', 8000, '1', 'PG2'), row('X', 100, '1')],
      [payment('A', 8000, 'paid')],
    );
    expect(outcome.matched).toBe(1);
    expect(
      outcome.entries.map((entry) => [entry.kind, entry.reference, entry.platformTransactionId]),
    ).toEqual([
      ['missingOnGateway', 'A', 'PG2'],
      ['missingOnGateway', 'X', 'PG-X'],
    ]);
  });

  it('does not miss on the platform what never reached it', () => {
    const outcome = reconcileTransactions(
      [],
      [
        payment('I', 100, 'initiating'),
        { ...payment('R', 100, 'failed'), initiationError: { code: '14', message: 'no' } },
      ],
    );
    expect(outcome).toEqual({ matched: 0, entries: [] });
  });
});
