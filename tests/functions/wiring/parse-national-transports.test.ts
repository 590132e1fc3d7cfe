import { describe, expect, it } from 'vitest';
import { parseNationalTransports } from '../../../functions/wiring/parse-national-transports';

describe('NATIONAL_TRANSPORTS', () => {
  it('reads suffix=transport pairs, ignoring spaces and empty entries', () => {
    expect(parseNationalTransports(' H12=lgsp, H56 = session,,G09=lgsp ')).toEqual({
      H12: 'lgsp',
      H56: 'session',
      G09: 'lgsp',
    });
  });

  it('reads an empty value as "session for everyone"', () => {
    expect(parseNationalTransports('')).toEqual({});
  });

  it.each([
    ['an unknown transport', 'H12=rest', /H12=rest/],
    ['a whole agency code instead of its suffix', '000.00.12.H12=lgsp', /000\.00\.12\.H12=lgsp/],
    ['a lower-case suffix', 'h12=lgsp', /h12=lgsp/],
    ['a pair without a transport', 'H12', /"H12"/],
    ['a province listed twice', 'H12=lgsp,H12=session', /H12 is listed twice/],
  ])('refuses %s', (_case, text, message) => {
    expect(() => parseNationalTransports(text)).toThrow(message);
  });
});
