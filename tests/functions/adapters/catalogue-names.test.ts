import { describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '../../../contracts/national-catalogues';
import { withCatalogueNames } from '../../../functions/adapters/catalogue-names';
import { createConfiguredAgencyNames } from '../../../functions/adapters/configured-agency-names';
import { createInMemoryCatalogueStore } from '../../../functions/adapters/in-memory/catalogue-store';
import { loadAgencyNames } from '../../../functions/core/agency-names';
import { loadFirstVersion } from '../../support/catalogues';

const configured = createConfiguredAgencyNames(
  loadAgencyNames({
    version: 't',
    strict: true,
    names: [
      { agencyCode: '000.00.12.H12', name: 'Tên trong bảng cấu hình' },
      { agencyCode: '000.00.41.H12', name: 'Xã mới (bảng cấu hình)' },
    ],
  }),
);

async function loaded(kind: 'agencies' | 'procedures', items: CatalogueEntry[]) {
  const catalogues = createInMemoryCatalogueStore();
  await loadFirstVersion(catalogues, kind, items);
  return catalogues;
}

describe('names from the national catalogues, then the configured table', () => {
  it('answers from the table alone while no catalogue has loaded', async () => {
    const names = withCatalogueNames(configured, createInMemoryCatalogueStore());
    expect(names.strict).toBe(true);
    expect(await names.nameOf('000.00.12.H12')).toBe('Tên trong bảng cấu hình');
    expect(await names.fieldOf?.('1.010708.000.00.00.H12')).toBeUndefined();
  });

  it('prefers the portal’s name of a unit, and falls back to the table for units it does not list', async () => {
    const names = withCatalogueNames(
      configured,
      await loaded('agencies', [{ code: '000.00.12.H12', name: 'UBND phường Hoàn Kiếm' }]),
    );
    expect(await names.nameOf('000.00.12.H12')).toBe('UBND phường Hoàn Kiếm');
    expect(await names.nameOf('000.00.41.H12')).toBe('Xã mới (bảng cấu hình)');
    expect(await names.nameOf('000.00.99.H12')).toBeUndefined();
  });

  it('answers a procedure’s field only when the catalogue files it under one', async () => {
    const names = withCatalogueNames(
      configured,
      await loaded('procedures', [
        {
          code: '1.010708.000.00.00.H12',
          name: 'Đăng ký khai sinh',
          fieldCode: 'G03-HT01',
          fieldName: 'Hộ tịch',
        },
        { code: '1.100007', name: 'Thủ tục chưa có lĩnh vực' },
      ]),
    );
    expect(await names.fieldOf?.('1.010708.000.00.00.H12')).toEqual({
      fieldCode: 'G03-HT01',
      fieldName: 'Hộ tịch',
    });
    expect(await names.fieldOf?.('1.100007')).toBeUndefined();
  });
});
