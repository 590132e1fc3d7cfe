import { describe, expect, it } from 'vitest';
import type { AgencyRecodingRow } from '../../../contracts/agency-recoding';
import {
  currentAgencyCode,
  loadAgencyRecoding,
  replacementsOn,
  retiredAgencyRefusal,
  viewAgencyRecoding,
} from '../../../functions/core/agency-recoding';
import { refusal } from '../../support/refusal';

const row = (
  retiredCode: string,
  replacementCode: string,
  effectiveFrom = '2025-07-01',
  note?: string,
): AgencyRecodingRow => ({ retiredCode, replacementCode, effectiveFrom, ...(note ? { note } : {}) });

const loadFailure = (raw: unknown) => refusal(() => loadAgencyRecoding(raw));

const merged = loadAgencyRecoding({
  version: 'test-1',
  rows: [
    row('000.00.31.H13', '000.00.41.H12', '2025-07-01', 'district abolished'),
    // A deliberate chain: the replacement is itself replaced half a year later.
    row('000.00.10.H13', '000.00.10.H12', '2025-07-01'),
    row('000.00.10.H12', '000.00.11.H12', '2026-01-01'),
  ],
});

describe('loading the agency re-coding table', () => {
  it('accepts a table with a deliberate chain (the replacement retired later) and keeps its version', () => {
    expect(merged.version).toBe('test-1');
    expect(merged.rows).toHaveLength(3);
  });

  it('names each malformed field by its row path, in both languages', () => {
    const error = loadFailure({
      version: 'v',
      rows: [
        row('000.00.31.H13', '000.00.41.H12'),
        { retiredCode: '31.H13', replacementCode: '000.00.41.H12', effectiveFrom: '2025-02-30' },
        { ...row('000.00.32.H13', '000.00.41.H12'), reason: 'typo' },
      ],
    });
    expect(error.code).toBe('config.invalid');
    expect(error.fieldErrors.map((field) => field.path)).toEqual([
      '$.rows[1].retiredCode',
      '$.rows[1].effectiveFrom',
      '$.rows[2]',
    ]);
    expect(error.fieldErrors[0]?.message).toMatch(/Mã cơ quan không hợp lệ \/ Invalid agency code/);
    expect(error.message).toContain('$.rows[1].effectiveFrom');
  });

  it('refuses a file without a version', () => {
    expect(loadFailure({ rows: [] }).fieldErrors).toEqual([
      { path: '$.version', message: expect.stringContaining('Required') },
    ]);
  });

  it('refuses a code mapped twice: a retirement has no end, so two rows always overlap', () => {
    const error = loadFailure({
      version: 'v',
      rows: [row('000.00.31.H13', '000.00.41.H12'), row('000.00.31.H13', '000.00.42.H12', '2026-01-01')],
    });
    expect(error.fieldErrors).toEqual([
      { path: '$.rows[1].retiredCode', message: expect.stringContaining('already retired by $.rows[0]') },
    ]);
  });

  it('refuses a code that replaces itself', () => {
    const error = loadFailure({ version: 'v', rows: [row('000.00.31.H13', '000.00.31.H13')] });
    expect(error.fieldErrors).toEqual([
      { path: '$.rows[0].replacementCode', message: expect.stringContaining('cannot replace itself') },
    ]);
  });

  it('refuses a cycle once, naming its codes in order', () => {
    const error = loadFailure({
      version: 'v',
      rows: [
        row('000.00.01.H13', '000.00.02.H13', '2025-07-01'),
        row('000.00.02.H13', '000.00.03.H13', '2025-08-01'),
        row('000.00.03.H13', '000.00.01.H13', '2025-09-01'),
      ],
    });
    expect(error.fieldErrors).toEqual([
      {
        path: '$.rows[0].replacementCode',
        message: expect.stringContaining('000.00.01.H13 -> 000.00.02.H13 -> 000.00.03.H13 -> 000.00.01.H13'),
      },
    ]);
  });

  it('refuses a replacement that is itself retired on or before the row takes effect', () => {
    const sameDay = loadFailure({
      version: 'v',
      rows: [row('000.00.10.H13', '000.00.10.H12'), row('000.00.10.H12', '000.00.11.H12')],
    });
    expect(sameDay.fieldErrors).toEqual([
      {
        path: '$.rows[0].replacementCode',
        message: expect.stringContaining('map 000.00.10.H13 to 000.00.11.H12 directly'),
      },
    ]);
    const earlier = loadFailure({
      version: 'v',
      rows: [row('000.00.10.H13', '000.00.10.H12', '2025-08-01'), row('000.00.10.H12', '000.00.11.H12')],
    });
    expect(earlier.fieldErrors.map((field) => field.path)).toEqual(['$.rows[0].replacementCode']);
  });
});

describe('resolving a code on a Vietnam calendar day', () => {
  it('leaves a code alone before its effective day and replaces it from that day', () => {
    expect(replacementsOn(merged, '000.00.31.H13', '2025-06-30')).toEqual([]);
    expect(currentAgencyCode(merged, '000.00.31.H13', '2025-06-30')).toBe('000.00.31.H13');
    expect(currentAgencyCode(merged, '000.00.31.H13', '2025-07-01')).toBe('000.00.41.H12');
  });

  it('follows a chain link by link as each takes effect', () => {
    expect(replacementsOn(merged, '000.00.10.H13', '2025-12-31')).toEqual(['000.00.10.H12']);
    expect(replacementsOn(merged, '000.00.10.H13', '2026-01-01')).toEqual(['000.00.10.H12', '000.00.11.H12']);
    expect(currentAgencyCode(merged, '000.00.10.H13', '2026-01-01')).toBe('000.00.11.H12');
  });

  it('leaves codes the table does not name alone', () => {
    expect(currentAgencyCode(merged, '000.00.12.H12', '2030-01-01')).toBe('000.00.12.H12');
  });

  it('shows each row with the code it leads to on the day asked', () => {
    expect(viewAgencyRecoding(merged, '2025-09-01').rows.map((shown) => shown.currentCode)).toEqual([
      '000.00.41.H12',
      '000.00.10.H12',
      '000.00.10.H12',
    ]);
    expect(viewAgencyRecoding(merged, '2026-02-01')).toMatchObject({
      version: 'test-1',
      rows: [
        { retiredCode: '000.00.31.H13', currentCode: '000.00.41.H12', note: 'district abolished' },
        { retiredCode: '000.00.10.H13', currentCode: '000.00.11.H12' },
        { retiredCode: '000.00.10.H12', currentCode: '000.00.11.H12' },
      ],
    });
  });
});

describe('new dossiers under a retired code', () => {
  it('lets a dossier issued before the effective day keep the old code, however late it arrives', () => {
    expect(retiredAgencyRefusal(merged, '000.00.31.H13-250630-0001', '000.00.31.H13')).toBeUndefined();
  });

  it('refuses a dossier issued on or after the effective day, naming the replacement at agencyCode', () => {
    const refusal = retiredAgencyRefusal(merged, '000.00.31.H13-250701-0001', '000.00.31.H13');
    expect(refusal?.code).toBe('agency.retired');
    expect(refusal?.message).toContain('Mã cơ quan 000.00.31.H13 đã được thay bằng 000.00.41.H12');
    expect(refusal?.message).toContain('new dossiers use 000.00.41.H12');
    expect(refusal?.fieldErrors[0]).toEqual({
      path: '$.agencyCode',
      message: expect.stringContaining('000.00.41.H12'),
    });
    expect(refusal?.details).toEqual({
      retiredCode: '000.00.31.H13',
      replacementCode: '000.00.41.H12',
      effectiveFrom: '2025-07-01',
    });
  });

  it('names the code that was in use on the dossier’s own day along a chain', () => {
    expect(retiredAgencyRefusal(merged, '000.00.10.H13-250801-0001', '000.00.10.H13')?.details).toMatchObject(
      {
        replacementCode: '000.00.10.H12',
      },
    );
    expect(retiredAgencyRefusal(merged, '000.00.10.H13-260105-0001', '000.00.10.H13')?.details).toMatchObject(
      {
        replacementCode: '000.00.11.H12',
      },
    );
    // A dossier issued under the intermediate code while it was in use stays legitimate.
    expect(retiredAgencyRefusal(merged, '000.00.10.H12-251231-0001', '000.00.10.H12')).toBeUndefined();
  });
});
