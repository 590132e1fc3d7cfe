import { describe, expect, it } from 'vitest';
import { decideDelivery } from '../../../functions/core/decide-delivery';

describe('decideDelivery', () => {
  it('delivers the next sequence', () => expect(decideDelivery(4, 5)).toBe('deliver'));
  it('drops a sequence already delivered', () => {
    expect(decideDelivery(4, 4)).toBe('duplicate');
    expect(decideDelivery(4, 2)).toBe('duplicate');
  });
  it('holds a sequence whose predecessor is not delivered', () => expect(decideDelivery(4, 6)).toBe('wait'));
  it('delivers sequence 1 of a fresh dossier', () => expect(decideDelivery(0, 1)).toBe('deliver'));
});
