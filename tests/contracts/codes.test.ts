import { describe, expect, it } from 'vitest';
import {
  agencyCodeSchema,
  agencyOfDossierCode,
  dossierCodeSchema,
  nationalTimestampSchema,
  personalIdSchema,
  phoneSchema,
  procedureCodeSchema,
  vndAmountSchema,
} from '../../contracts/codes';

describe('code formats', () => {
  it.each(['000.00.00.H12', '000.00.12.H56', '000.01.02.G03'])('accepts the agency code %s', (code) => {
    expect(agencyCodeSchema.safeParse(code).success).toBe(true);
  });

  it.each(['000.00.00.X12', '00.00.00.H12', '000.00.00.H1', '000.00.00.H12 '])(
    'refuses the agency code %j',
    (code) => {
      const result = agencyCodeSchema.safeParse(code);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain('Invalid agency code');
    },
  );

  it('accepts a dossier code of a real calendar day and names its agency', () => {
    expect(dossierCodeSchema.safeParse('000.00.12.H56-250314-0007').success).toBe(true);
    expect(agencyOfDossierCode('000.00.12.H56-250314-0007')).toBe('000.00.12.H56');
  });

  it('refuses a dossier code whose date does not exist, saying so in both languages', () => {
    const result = dossierCodeSchema.safeParse('000.00.12.H56-250230-0007');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toMatch(/Ngày.*calendar date/);
  });

  it('refuses a malformed dossier code with one message', () => {
    const result = dossierCodeSchema.safeParse('H56-2503-7');
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toContain('Mã hồ sơ không hợp lệ / Invalid dossier code');
  });

  it.each([
    ['1.010708', true],
    ['1.010708.000.00.00.H56', true],
    ['1.010708.000.00.00.G03', true],
    ['1.01070', false],
    ['1.010708.000.00.00', false],
  ])('procedure code %s valid: %s', (code, valid) => {
    expect(procedureCodeSchema.safeParse(code).success).toBe(valid);
  });

  it.each([
    ['001203004567', true],
    ['123456789', true],
    ['12345678901', false],
    ['00120300456a', false],
  ])('ID number %s valid: %s', (id, valid) => {
    expect(personalIdSchema.safeParse(id).success).toBe(valid);
  });

  it.each([
    ['0912345678', true],
    ['+84912345678', true],
    ['02438123456', true],
    ['912345678', false],
    ['09123', false],
  ])('phone %s valid: %s', (phone, valid) => {
    expect(phoneSchema.safeParse(phone).success).toBe(valid);
  });

  it.each([
    [250000, true],
    [0, false],
    [-5, false],
    [10.5, false],
    [2 ** 60, false],
  ])('VND amount %d valid: %s', (amount, valid) => {
    expect(vndAmountSchema.safeParse(amount).success).toBe(valid);
  });

  it.each([
    ['20250314083000', true],
    ['20251314083000', false],
    ['20250314243000', false],
    ['2025031408300', false],
  ])('national timestamp %s valid: %s', (timestamp, valid) => {
    expect(nationalTimestampSchema.safeParse(timestamp).success).toBe(valid);
  });
});
