import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  agencyCodeSchema,
  agencyOfDossierCode,
  dossierCodeSchema,
  fieldCodeSchema,
  isoDateTimeSchema,
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

  describe.each<[string, z.ZodType, [unknown, boolean][]]>([
    [
      'procedure code',
      procedureCodeSchema,
      [
        ['1.010708', true],
        ['1.010708.000.00.00.H56', true],
        ['1.010708.000.00.00.G03', true],
        ['1.01070', false],
        ['1.010708.000.00.00', false],
      ],
    ],
    [
      'ID number',
      personalIdSchema,
      [
        ['001203004567', true],
        ['123456789', true],
        ['12345678901', false],
        ['00120300456a', false],
      ],
    ],
    [
      'phone',
      phoneSchema,
      [
        ['0912345678', true],
        ['+84912345678', true],
        ['02438123456', true],
        ['912345678', false],
        ['09123', false],
        ['00912345678', false],
        ['+840912345678', false],
        ['091 234 5678', false],
      ],
    ],
    [
      'VND amount',
      vndAmountSchema,
      [
        [250000, true],
        [0, false],
        [-5, false],
        [10.5, false],
        [2 ** 60, false],
      ],
    ],
    [
      'national timestamp',
      nationalTimestampSchema,
      [
        ['20250314083000', true],
        ['20251314083000', false],
        ['20250314243000', false],
        ['2025031408300', false],
        ['20240229235959', true],
        ['20000229000000', true],
        ['00040229000000', true],
      ],
    ],
    [
      'ISO time',
      isoDateTimeSchema,
      [
        ['2025-03-14T08:30:00+07:00', true],
        ['2025-03-14T01:30:00Z', true],
        ['2025-03-14T08:30:00.250-05:00', true],
        ['0000-01-01T00:00:00+07:00', true],
        ['2025-03-14T08:30:00', false],
        ['2025-02-30T08:30:00+07:00', false],
        ['14/03/2025 08:30', false],
        // 03:00 on 1 January 10000 in Vietnam: no four-digit year can carry it to the portal.
        ['9999-12-31T20:00:00Z', false],
      ],
    ],
  ])('%s', (label, schema, rows) => {
    it.each(rows)(`${label} %j valid: %s`, (value, valid) => {
      expect(schema.safeParse(value).success).toBe(valid);
    });
  });

  it.each(['20250230083000', '20250431083000', '21000229083000', '00010229000000'])(
    'refuses the national timestamp %s, whose day does not exist, saying so in both languages',
    (timestamp) => {
      const result = nationalTimestampSchema.safeParse(timestamp);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([
        'Ngày không tồn tại / Not a calendar date (e.g. 30 February)',
      ]);
    },
  );
});

describe('messages', () => {
  // Vietnamese first (it has letters beyond ASCII), then ' / ', then English.
  const bilingual = /^[^/]*[^\p{ASCII}][^/]* \/ [A-Z].+$/u;

  it.each<[string, z.ZodType, unknown]>([
    ['agency code', agencyCodeSchema, '000.00.00.X12'],
    ['dossier code', dossierCodeSchema, 'H12-1'],
    ['dossier code date', dossierCodeSchema, '000.00.12.H56-250230-0007'],
    ['procedure code', procedureCodeSchema, '1.0107'],
    ['field code', fieldCodeSchema, 'g03-gd10'],
    ['ID number', personalIdSchema, '12345'],
    ['phone', phoneSchema, '12345'],
    ['amount, decimal', vndAmountSchema, 10.5],
    ['amount, negative', vndAmountSchema, -1],
    ['amount, too large', vndAmountSchema, 2 ** 60],
    ['amount, a string', vndAmountSchema, '8000'],
    ['ISO time', isoDateTimeSchema, '2025-03-14'],
    ['national timestamp', nationalTimestampSchema, '2025-03-14'],
    ['a code that is not a string', agencyCodeSchema, 12],
  ])('words the %s error in Vietnamese, then English', (_, schema, input) => {
    const messages = schema.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(bilingual);
  });

  it('lists the allowed values of an enum in both languages', () => {
    const message = z.enum(['counter', 'online', 'post']).safeParse('fax').error?.issues[0]?.message;
    expect(message).toBe(
      'Giá trị không hợp lệ, chỉ nhận: "counter", "online", "post" / Invalid value: expected one of "counter", "online", "post"',
    );
  });

  it('tells a missing field from one of the wrong type', () => {
    const schema = z.strictObject({ version: z.number() });
    expect(schema.safeParse({}).error?.issues[0]?.message).toBe(
      'Trường bắt buộc / Required field is missing',
    );
    expect(schema.safeParse({ version: '1' }).error?.issues[0]?.message).toBe(
      'Sai kiểu dữ liệu, cần số / Wrong type: expected number, received string',
    );
  });

  it('gives the limit of a text that is too long, and refuses a blank one', () => {
    const text = z.string().trim().min(1).max(50);
    expect(text.safeParse('x'.repeat(51)).error?.issues[0]?.message).toBe(
      'Quá dài: tối đa 50 ký tự / Too long: at most 50 characters',
    );
    expect(text.safeParse('   ').error?.issues[0]?.message).toBe('Không được để trống / Must not be empty');
  });
});
