import { describe, expect, it } from 'vitest';
import { agencyIncludes } from '../../../../functions/core/scorecard/agency-includes';

/** The candidates an agency holds, in their order: each candidate is one check of agencyIncludes. */
const heldBy = (agency: string, candidates: readonly string[]) =>
  candidates.filter((unit) => agencyIncludes(agency, unit));

describe('an agency and its sub-units (agency codes of Quyết định 20/2020/QĐ-TTg)', () => {
  it('holds every unit of its province or ministry at province level', () => {
    expect(heldBy('000.00.00.H12', ['000.00.12.H12', '001.34.12.H12', '000.00.12.H13'])).toEqual([
      '000.00.12.H12',
      '001.34.12.H12',
    ]);
    expect(heldBy('000.00.00.G05', ['000.00.01.G05'])).toEqual(['000.00.01.G05']);
  });

  it('holds the lower levels under a department, and nothing beside it', () => {
    expect(
      heldBy('000.00.12.H12', [
        '000.00.12.H12',
        '000.34.12.H12',
        '001.34.12.H12',
        '000.00.13.H12',
        '000.00.00.H12',
      ]),
    ).toEqual(['000.00.12.H12', '000.34.12.H12', '001.34.12.H12']);
  });

  it('holds only itself at the lowest level', () => {
    expect(heldBy('001.34.12.H12', ['001.34.12.H12', '002.34.12.H12'])).toEqual(['001.34.12.H12']);
    expect(heldBy('000.34.12.H12', ['000.00.12.H12'])).toEqual([]);
  });
});
