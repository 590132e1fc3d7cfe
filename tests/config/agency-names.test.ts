import { describe, expect, it } from 'vitest';
import shipped from '../../config/agency-names.json' with { type: 'json' };
import { loadAgencyNames } from '../../functions/core/agency-names';
import { isGatewayError } from '../../functions/core/gateway-error';

/** The unit names administrators edit (DonViXuLy is a name [OCPS getGovAgencyName]): a bad edit fails here. */
describe('config/agency-names.json', () => {
  it('loads, off strict mode by default, with the demo province’s units named', () => {
    const table = loadAgencyNames(shipped);
    expect(table.version).not.toBe('');
    expect(table.strict).toBe(false);
    expect(table.byCode.get('000.00.12.H12')).toBeTruthy();
  });

  it('names an invalid row by its path', () => {
    let caught: unknown;
    try {
      loadAgencyNames({
        version: 'v',
        strict: false,
        names: [
          { agencyCode: '000.00.12.H12', name: 'A' },
          { agencyCode: '000.00.12.H12', name: 'B' },
          { agencyCode: 'H12', name: 'C' },
        ],
      });
    } catch (error) {
      caught = error;
    }
    expect(isGatewayError(caught, 'config.invalid')).toBe(true);
    const paths = isGatewayError(caught) ? caught.fieldErrors.map((fieldError) => fieldError.path) : [];
    expect(paths).toEqual(['$.names[2].agencyCode']);
  });

  it('names a code listed twice when the rows are otherwise valid', () => {
    let caught: unknown;
    try {
      loadAgencyNames({
        version: 'v',
        strict: true,
        names: [
          { agencyCode: '000.00.12.H12', name: 'A' },
          { agencyCode: '000.00.12.H12', name: 'B' },
        ],
      });
    } catch (error) {
      caught = error;
    }
    expect(isGatewayError(caught) ? caught.fieldErrors.map((fieldError) => fieldError.path) : []).toEqual([
      '$.names[1].agencyCode',
    ]);
  });
});
