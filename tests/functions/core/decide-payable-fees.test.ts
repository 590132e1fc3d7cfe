import { describe, expect, it } from 'vitest';
import { decidePayableFees } from '../../../functions/core/decide-payable-fees';

const fee = (code: string, amount: number) => ({ code, name: `Khoản ${code}`, amount });

describe('decidePayableFees', () => {
  it('asks for the declared fees nobody has paid', () => {
    expect(decidePayableFees([fee('LP01', 8000), fee('P02', 5000)], [])).toEqual({
      verdict: 'payable',
      lines: [fee('LP01', 8000), fee('P02', 5000)],
    });
  });

  it('asks for the open payment’s lines while one waits for the payer', () => {
    const open = { state: 'pending' as const, lines: [fee('X', 1)], reference: 'LTOPEN0001' };
    expect(decidePayableFees([fee('LP01', 8000)], [open])).toEqual({
      verdict: 'payable',
      lines: [fee('X', 1)],
      reference: 'LTOPEN0001',
    });
  });

  it('counts a declared fee as paid only when a paid line has its code and amount', () => {
    const paid = {
      state: 'paid' as const,
      lines: [fee('LP01', 8000), fee('P02', 4000)],
      reference: 'LTPAID0001',
    };
    const failed = { state: 'failed' as const, lines: [fee('P02', 5000)], reference: 'LTFAIL0001' };
    expect(decidePayableFees([fee('LP01', 8000), fee('P02', 5000)], [paid, failed])).toEqual({
      verdict: 'payable',
      lines: [fee('P02', 5000)],
    });
    expect(decidePayableFees([fee('LP01', 8000)], [paid])).toEqual({ verdict: 'nothingToPay' });
    expect(decidePayableFees([], [])).toEqual({ verdict: 'nothingToPay' });
  });
});
