import { describe, expect, it } from 'vitest';
import { paymentRequestSchema } from '../../contracts/provincial-payments';
import { aPaymentRequest } from '../support/payments';

const issuesOf = (value: unknown) =>
  paymentRequestSchema.safeParse(value).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ??
  [];

describe('the payment request contract', () => {
  it('accepts a request whose amount is the sum of its lines, or has no amount', () => {
    const request = aPaymentRequest('000.00.12.H12-250314-0007');
    expect(paymentRequestSchema.safeParse(request).success).toBe(true);
    expect(paymentRequestSchema.safeParse({ ...request, amount: 258_000 }).success).toBe(true);
  });

  it('names the field that is wrong: the amount, a repeated fee code, an unknown field, a non-integer VND', () => {
    const request = aPaymentRequest('000.00.12.H12-250314-0007');
    expect(issuesOf({ ...request, amount: 1 })[0]?.[0]).toBe('amount');
    const repeated = { ...request, lines: [request.lines[0], request.lines[0]] };
    expect(issuesOf(repeated).map(([path]) => path)).toEqual(['lines.1.code']);
    expect(issuesOf({ ...request, tip: 1 })[0]?.[1]).toBeDefined();
    const fractional = { ...request, lines: [{ code: 'A', name: 'A', amount: 1.5 }] };
    expect(issuesOf(fractional).map(([path]) => path)).toEqual(['lines.0.amount']);
    expect(issuesOf({ ...request, returnUrl: 'javascript:alert(1)' }).map(([path]) => path)).toEqual([
      'returnUrl',
    ]);
  });
});
