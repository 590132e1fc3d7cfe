import { describe, expect, it } from 'vitest';
import shipped from '../../config/agency-names.json' with { type: 'json' };
import { loadAgencyNames } from '../../functions/core/agency-names';
import { refusal } from '../support/refusal';

/** The unit names administrators edit (DonViXuLy is a name [OCPS getGovAgencyName]): a bad edit fails here. */
describe('config/agency-names.json', () => {
  it('loads, off strict mode by default, with the demo province’s units named', () => {
    const table = loadAgencyNames(shipped);
    expect(table.version).not.toBe('');
    expect(table.strict).toBe(false);
    expect(table.byCode.get('000.00.12.H12')).toBeTruthy();
  });

  const twoRowsOfOneCode = [
    { agencyCode: '000.00.12.H12', name: 'A' },
    { agencyCode: '000.00.12.H12', name: 'B' },
  ];
  /** The field paths a refused table names. */
  const refusedPaths = (strict: boolean, names: unknown[]) => {
    const error = refusal(() => loadAgencyNames({ version: 'v', strict, names }));
    expect(error.code).toBe('config.invalid');
    return error.fieldErrors.map((fieldError) => fieldError.path);
  };

  it('names an invalid row by its path', () => {
    expect(refusedPaths(false, [...twoRowsOfOneCode, { agencyCode: 'H12', name: 'C' }])).toEqual([
      '$.names[2].agencyCode',
    ]);
  });

  it('names a code listed twice when the rows are otherwise valid', () => {
    expect(refusedPaths(true, twoRowsOfOneCode)).toEqual(['$.names[1].agencyCode']);
  });
});
