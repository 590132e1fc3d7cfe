import { describe, expect, it } from 'vitest';
import { agencyIncludes } from '../../../../functions/core/scorecard/agency-includes';

describe('an agency and its sub-units (agency codes of Quyết định 20/2020/QĐ-TTg)', () => {
  it('holds every unit of its province or ministry at province level', () => {
    expect(agencyIncludes('000.00.00.H12', '000.00.12.H12')).toBe(true);
    expect(agencyIncludes('000.00.00.H12', '001.34.12.H12')).toBe(true);
    expect(agencyIncludes('000.00.00.H12', '000.00.12.H13')).toBe(false);
    expect(agencyIncludes('000.00.00.G05', '000.00.01.G05')).toBe(true);
  });

  it('holds the lower levels under a department, and nothing beside it', () => {
    expect(agencyIncludes('000.00.12.H12', '000.00.12.H12')).toBe(true);
    expect(agencyIncludes('000.00.12.H12', '000.34.12.H12')).toBe(true);
    expect(agencyIncludes('000.00.12.H12', '001.34.12.H12')).toBe(true);
    expect(agencyIncludes('000.00.12.H12', '000.00.13.H12')).toBe(false);
    expect(agencyIncludes('000.00.12.H12', '000.00.00.H12')).toBe(false);
  });

  it('holds only itself at the lowest level', () => {
    expect(agencyIncludes('001.34.12.H12', '001.34.12.H12')).toBe(true);
    expect(agencyIncludes('001.34.12.H12', '002.34.12.H12')).toBe(false);
    expect(agencyIncludes('000.34.12.H12', '000.00.12.H12')).toBe(false);
  });
});
