import { beforeEach, describe, expect, it } from 'vitest';
import type { CodeMapping } from '../../../contracts/code-mappings';
import { withCatalogueNames } from '../../../functions/adapters/catalogue-names';
import { createConfiguredAgencyNames } from '../../../functions/adapters/configured-agency-names';
import { createInMemoryCatalogueStore } from '../../../functions/adapters/in-memory/catalogue-store';
import { createInMemoryCodeMappings } from '../../../functions/adapters/in-memory/code-mappings';
import {
  createNationalCodes,
  type NationalCodes,
  namesThroughMappings,
} from '../../../functions/application/resolve-national-codes';
import { loadAgencyNames } from '../../../functions/core/agency-names';
import type { CatalogueStore } from '../../../functions/ports/catalogue-store';
import type { CodeMappings } from '../../../functions/ports/code-mappings';
import { loadFirstVersion } from '../../support/catalogues';
import { aRecoding2025 } from '../../support/fixtures';

/**
 * The one answer to "which national code and name does this local code mean today" (issue 21
 * item 4): the province's mapping first, then the 2025 re-coding of the mapped code, the name
 * from the catalogue, then the mapping, then the configured table.
 */
let catalogues: CatalogueStore;
let mappings: CodeMappings;
let codes: NationalCodes;

const mapping = (kind: CodeMapping['kind'], localCode: string, nationalCode: string, nationalName?: string) =>
  mappings.put({
    kind,
    localCode,
    nationalCode,
    ...(nationalName ? { nationalName } : {}),
    updatedAt: '2026-12-02T01:00:00.000Z',
    updatedBy: 'security-officer',
  });

beforeEach(() => {
  catalogues = createInMemoryCatalogueStore();
  mappings = createInMemoryCodeMappings();
  codes = createNationalCodes({
    mappings,
    catalogues,
    agencyRecoding: aRecoding2025(),
    names: withCatalogueNames(
      createConfiguredAgencyNames(
        loadAgencyNames({
          version: 'test',
          strict: false,
          names: [{ agencyCode: '000.00.11.H12', name: 'Sở Nội vụ (bảng cấu hình)' }],
        }),
      ),
      catalogues,
    ),
  });
});

describe('what a local agency code means today', () => {
  it('maps first, then follows the re-coding of the mapped code, and names today’s code from the catalogue', async () => {
    // LOCAL-SNV is the province's own code for a unit the portal knew as 000.00.10.H12, re-coded
    // to 000.00.11.H12 from 2026-01-01 (the 2025 reorganisation table).
    await mapping('agencies', 'LOCAL-SNV', '000.00.10.H12', 'Sở Nội vụ (tên trong ánh xạ)');
    await loadFirstVersion(catalogues, 'agencies', [
      { code: '000.00.10.H12', name: 'Sở Nội vụ cũ' },
      { code: '000.00.11.H12', name: 'Sở Nội vụ' },
    ]);

    const today = await codes.agency('LOCAL-SNV', '2026-12-02');
    expect([today.mappedCode, today.code, today.name]).toEqual([
      '000.00.10.H12',
      '000.00.11.H12',
      'Sở Nội vụ',
    ]);
    expect(today.chain).toEqual(['000.00.10.H12', '000.00.11.H12']);

    // Before the re-coding took effect the mapped code itself is the one in use.
    const before = await codes.agency('LOCAL-SNV', '2025-12-31');
    expect([before.code, before.name]).toEqual(['000.00.10.H12', 'Sở Nội vụ cũ']);
  });

  it('re-codes a retired code that has no mapping, and never re-codes a local code before mapping it', async () => {
    // 000.00.10.H13 is retired (-> 000.00.10.H12 -> 000.00.11.H12); a mapping of it wins over the table.
    expect((await codes.agency('000.00.10.H13', '2026-12-02')).code).toBe('000.00.11.H12');
    await mapping('agencies', '000.00.10.H13', '000.00.12.H12');
    const mapped = await codes.agency('000.00.10.H13', '2026-12-02');
    expect([mapped.mappedCode, mapped.code]).toEqual(['000.00.12.H12', '000.00.12.H12']);
  });

  it('names a unit the catalogue does not list from the mapping, then from the configured table', async () => {
    await mapping('agencies', 'LOCAL-A', '000.00.77.H12', 'Ủy ban nhân dân xã A');
    expect((await codes.agency('LOCAL-A', '2026-12-02')).name).toBe('Ủy ban nhân dân xã A');
    await mapping('agencies', 'LOCAL-SNV', '000.00.10.H12');
    // No catalogue, no name in the mapping: the configured name of today's code (after re-coding).
    expect((await codes.agency('LOCAL-SNV', '2026-12-02')).name).toBe('Sở Nội vụ (bảng cấu hình)');
  });

  it('answers unit names and procedure fields through the mappings for every reader', async () => {
    await mapping('agencies', 'LOCAL-SNV', '000.00.10.H12');
    await mapping('procedures', 'KS-01', '1.010708.000.00.00.H12');
    await loadFirstVersion(catalogues, 'procedures', [
      {
        code: '1.010708.000.00.00.H12',
        name: 'Đăng ký khai sinh',
        fieldCode: 'G03-HT01',
        fieldName: 'Hộ tịch',
      },
    ]);
    const names = namesThroughMappings(codes, () => '2026-12-02');
    expect(await names.nameOf('LOCAL-SNV')).toBe('Sở Nội vụ (bảng cấu hình)');
    expect(await names.fieldOf?.('KS-01')).toEqual({ fieldCode: 'G03-HT01', fieldName: 'Hộ tịch' });
    expect(await names.fieldOf?.('KS-02')).toBeUndefined();
  });
});

describe('what a local procedure or field code means', () => {
  it('is the mapped code with the catalogue’s entry, or the code itself when unmapped', async () => {
    await loadFirstVersion(catalogues, 'procedures', [{ code: '1.010708', name: 'Đăng ký khai sinh' }]);
    await mapping('procedures', 'KS-01', '1.010708');
    const mapped = await codes.procedure('KS-01');
    expect([mapped.code, mapped.entry?.name]).toEqual(['1.010708', 'Đăng ký khai sinh']);
    const unmapped = await codes.procedure('1.010708');
    expect([unmapped.code, unmapped.mapping, unmapped.entry?.code]).toEqual([
      '1.010708',
      undefined,
      '1.010708',
    ]);
    expect((await codes.field('LV-LOCAL')).entry).toBeUndefined();
  });
});
