import { describe, expect, it } from 'vitest';
import { mayActForAgency } from '../../../functions/core/agency-grants';

describe('agency grants', () => {
  it('lets a suffix grant cover every unit of its province', () => {
    expect(mayActForAgency(['*.H12'], '000.00.00.H12')).toBe(true);
    expect(mayActForAgency(['*.H12'], '000.23.45.H12')).toBe(true);
  });

  it('keeps a suffix grant out of another province', () => {
    expect(mayActForAgency(['*.H12'], '000.00.00.H56')).toBe(false);
    expect(mayActForAgency(['*.H12'], '000.00.00.H120')).toBe(false);
  });

  it('matches an exact grant only exactly', () => {
    expect(mayActForAgency(['000.00.12.H12'], '000.00.12.H12')).toBe(true);
    expect(mayActForAgency(['000.00.12.H12'], '000.00.13.H12')).toBe(false);
    expect(mayActForAgency([], '000.00.12.H12')).toBe(false);
  });
});
