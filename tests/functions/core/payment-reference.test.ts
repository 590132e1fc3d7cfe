import { describe, expect, it } from 'vitest';
import { paymentIdOf, referenceOf } from '../../../functions/core/payment-reference';

describe('MaThamChieu', () => {
  it('is the payment id in upper-case hex behind LT, and leads back to it', () => {
    const paymentId = '0f8c2a9e-4b7d-4e1a-9c3b-5d7e9f1a2b3c';
    expect(referenceOf(paymentId)).toBe('LT0F8C2A9E4B7D4E1A9C3B5D7E9F1A2B3C');
    expect(paymentIdOf(referenceOf(paymentId))).toBe(paymentId);
  });

  it('names no payment when the gateway never issued it', () => {
    expect(paymentIdOf('LT0F8C2A9E')).toBeUndefined();
    expect(paymentIdOf('XX0F8C2A9E4B7D4E1A9C3B5D7E9F1A2B3C')).toBeUndefined();
    expect(paymentIdOf('lt0f8c2a9e4b7d4e1a9c3b5d7e9f1a2b3c')).toBeUndefined();
    expect(() => referenceOf('not-a-uuid')).toThrow(RangeError);
  });
});
