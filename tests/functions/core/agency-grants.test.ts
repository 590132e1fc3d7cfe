import { describe, expect, it } from 'vitest';
import { mayActForAgency, mayActForAgencyOn } from '../../../functions/core/agency-grants';
import { aRecoding2025 } from '../../support/fixtures';

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

describe('agency grants after the 2025 re-coding', () => {
  const recoding = aRecoding2025();

  it('lets a grant of the replacement (suffix or exact) act for the retired code from its effective day', () => {
    expect(mayActForAgencyOn(['*.H12'], '000.00.31.H13', recoding, '2025-06-30')).toBe(false);
    expect(mayActForAgencyOn(['*.H12'], '000.00.31.H13', recoding, '2025-07-01')).toBe(true);
    expect(mayActForAgencyOn(['000.00.41.H12'], '000.00.31.H13', recoding, '2025-07-01')).toBe(true);
    expect(mayActForAgencyOn(['000.00.42.H12'], '000.00.31.H13', recoding, '2025-07-01')).toBe(false);
  });

  it('follows a chain: the latest replacement’s grant covers the first code', () => {
    expect(mayActForAgencyOn(['000.00.11.H12'], '000.00.10.H13', recoding, '2025-12-31')).toBe(false);
    expect(mayActForAgencyOn(['000.00.11.H12'], '000.00.10.H13', recoding, '2026-01-01')).toBe(true);
  });

  it('keeps the grants of the old code, and gives nothing the other way round', () => {
    expect(mayActForAgencyOn(['*.H13'], '000.00.31.H13', recoding, '2025-07-01')).toBe(true);
    expect(mayActForAgencyOn(['*.H13'], '000.00.41.H12', recoding, '2025-07-01')).toBe(false);
  });
});
