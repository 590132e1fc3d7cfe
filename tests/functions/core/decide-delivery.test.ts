import { describe, expect, it } from 'vitest';
import { decideDelivery } from '../../../functions/core/decide-delivery';

describe('decideDelivery', () => {
  it('delivers the next sequence', () => expect(decideDelivery({ deliveredSequence: 4 }, 5)).toBe('deliver'));
  it('drops a sequence already delivered', () => {
    expect(decideDelivery({ deliveredSequence: 4 }, 4)).toBe('duplicate');
    expect(decideDelivery({ deliveredSequence: 4 }, 2)).toBe('duplicate');
  });
  it('makes a sequence wait whose predecessor is still on its way', () =>
    expect(decideDelivery({ deliveredSequence: 4 }, 6)).toBe('wait'));
  it('holds every sequence behind a parked one', () => {
    expect(decideDelivery({ deliveredSequence: 4, parkedSequence: 5 }, 6)).toBe('hold');
    expect(decideDelivery({ deliveredSequence: 4, parkedSequence: 5 }, 9)).toBe('hold');
  });
  it('delivers the parked sequence itself when it is replayed', () =>
    expect(decideDelivery({ deliveredSequence: 4, parkedSequence: 5 }, 5)).toBe('deliver'));
  it('delivers sequence 1 of a fresh dossier', () =>
    expect(decideDelivery({ deliveredSequence: 0 }, 1)).toBe('deliver'));
});
