import { beforeEach, describe, expect, it } from 'vitest';
import { createInMemoryCatalogueStore } from '../../../functions/adapters/in-memory/catalogue-store';
import { createInMemoryCodeMappings } from '../../../functions/adapters/in-memory/code-mappings';
import { createRecordingLogger } from '../../../functions/adapters/in-memory/logger';
import {
  type CatalogueCheckDependencies,
  type CodesToCheck,
  checkCatalogueCodes,
} from '../../../functions/application/check-catalogue-codes';
import { createNationalCodes } from '../../../functions/application/resolve-national-codes';
import { type GatewayError, isGatewayError } from '../../../functions/core/gateway-error';
import type { CatalogueStore } from '../../../functions/ports/catalogue-store';
import type { CodeMappings } from '../../../functions/ports/code-mappings';
import { loadFirstVersion } from '../../support/catalogues';
import { aRecoding2025 } from '../../support/fixtures';

let catalogues: CatalogueStore;
let mappings: CodeMappings;
let deps: CatalogueCheckDependencies;

const procedures = [
  { code: '1.010708.000.00.00.H12', name: 'Đăng ký khai sinh' },
  { code: '1.100007.000.00.00.H12', name: 'Đăng ký khai sinh (cấp xã)' },
  { code: '1.100014.000.00.00.H12', name: 'Đăng ký khai tử' },
  { code: '1.100021.000.00.00.H12', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ' },
];
const agencies = [
  { code: '000.00.12.H12', name: 'UBND phường Hoàn Kiếm' },
  { code: '000.00.41.H12', name: 'UBND xã mới' },
  { code: '000.00.11.H12', name: 'Sở Nội vụ' },
];

const load = (kind: 'procedures' | 'agencies', items: { code: string; name: string }[]) =>
  loadFirstVersion(catalogues, kind, items);

const dossier = (overrides: Partial<CodesToCheck> = {}): CodesToCheck => ({
  dossierCode: '000.00.12.H12-261202-0001',
  at: '2026-12-02T03:00:00.000Z',
  procedureCode: '1.010708.000.00.00.H12',
  procedureName: 'Đăng ký khai sinh',
  agencyCode: '000.00.12.H12',
  day: '2026-12-02',
  ...overrides,
});

async function refusal(codes: CodesToCheck): Promise<GatewayError> {
  const error = await checkCatalogueCodes(deps, codes).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isGatewayError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

const check = (codes: CodesToCheck) => checkCatalogueCodes(deps, codes);

beforeEach(() => {
  catalogues = createInMemoryCatalogueStore();
  mappings = createInMemoryCodeMappings();
  deps = {
    catalogues,
    mappings,
    logger: createRecordingLogger(),
    nationalCodes: createNationalCodes({
      mappings,
      catalogues,
      agencyRecoding: aRecoding2025(),
      names: { strict: false, nameOf: async () => undefined },
    }),
  };
});

const mapTo = (kind: 'procedures' | 'agencies' | 'fields', localCode: string, nationalCode: string) =>
  mappings.put({ kind, localCode, nationalCode, updatedAt: '2026-12-02T01:00:00.000Z', updatedBy: 'sec' });

describe('checking a dossier’s codes against the national catalogues', () => {
  it('refuses nothing before a catalogue has ever loaded', async () => {
    await expect(
      check(dossier({ procedureCode: '9.999999', agencyCode: '000.00.99.H12' })),
    ).resolves.toBeUndefined();
  });

  it('refuses an unlisted procedure with the entries whose names are closest, accents ignored', async () => {
    await load('procedures', procedures);
    const error = await refusal(
      dossier({ procedureCode: '1.999999', procedureName: 'dang ky khai sinh cap xa' }),
    );
    expect(error.code).toBe('procedure.unknown');
    expect(error.details.code).toBe('1.999999');
    expect(error.details.closest).toEqual([
      { code: '1.100007.000.00.00.H12', entryName: 'Đăng ký khai sinh (cấp xã)' },
      { code: '1.010708.000.00.00.H12', entryName: 'Đăng ký khai sinh' },
      { code: '1.100014.000.00.00.H12', entryName: 'Đăng ký khai tử' },
    ]);
    expect(error.fieldErrors.map((field) => field.path)).toEqual(['$.procedureCode']);
    await expect(check(dossier())).resolves.toBeUndefined();
  });

  it('refuses an unlisted agency, but takes a retired code whose replacement is listed', async () => {
    await load('agencies', agencies);
    const error = await refusal(
      dossier({ agencyCode: '000.00.77.H12', agencyName: 'Ủy ban phường Hoàn Kiếm' }),
    );
    expect(error.code).toBe('agency.unknown');
    expect(error.details.closest).toEqual([{ code: '000.00.12.H12', entryName: 'UBND phường Hoàn Kiếm' }]);
    expect(error.fieldErrors.map((field) => field.path)).toEqual(['$.agencyCode']);

    // aRecoding2025: 000.00.31.H13 -> 000.00.41.H12 from 2025-07-01; 000.00.10.H12 -> 000.00.11.H12 from 2026-01-01.
    await expect(check(dossier({ agencyCode: '000.00.31.H13' }))).resolves.toBeUndefined();
    await expect(check(dossier({ agencyCode: '000.00.10.H12' }))).resolves.toBeUndefined();
    expect((await refusal(dossier({ agencyCode: '000.00.10.H12', day: '2025-12-31' }))).code).toBe(
      'agency.unknown',
    );
  });

  it('suggests the units of the same province when the dossier names none', async () => {
    await load('agencies', [...agencies, { code: '000.00.12.H56', name: 'UBND phường (H56)' }]);
    const error = await refusal(dossier({ agencyCode: '000.00.13.H56' }));
    expect(error.details.closest).toEqual([{ code: '000.00.12.H56', entryName: 'UBND phường (H56)' }]);
  });

  it('checks a local code after its mapping, and the mapped agency after the 2025 re-coding', async () => {
    await load('procedures', procedures);
    await load('agencies', agencies);
    await mapTo('procedures', 'KS-LOCAL', '1.010708.000.00.00.H12');
    await mapTo('agencies', 'SNV-LOCAL', '000.00.10.H12');
    await expect(
      check(dossier({ procedureCode: 'KS-LOCAL', agencyCode: 'SNV-LOCAL' })),
    ).resolves.toBeUndefined();

    await mapTo('procedures', 'KS-LOCAL', '1.888888');
    const error = await refusal(dossier({ procedureCode: 'KS-LOCAL' }));
    expect([error.code, error.details.code, error.details.mappedCode]).toEqual([
      'procedure.unknown',
      'KS-LOCAL',
      '1.888888',
    ]);
  });

  it('counts each code nothing explains once per dossier, the field’s too, and nothing before a catalogue loaded', async () => {
    await check(dossier({ procedureCode: 'X-1', fieldCode: 'LV-X' }));
    expect(await mappings.listUnmapped(['2026-12-02'])).toEqual([]);

    await load('procedures', procedures);
    await load('agencies', agencies);
    await loadFirstVersion(catalogues, 'fields', [{ code: 'G03-HT01', name: 'Hộ tịch' }]);
    for (const dossierCode of [
      '000.00.12.H12-261202-0001',
      '000.00.12.H12-261202-0001',
      '000.00.12.H12-261202-0002',
    ]) {
      await refusal(
        dossier({ dossierCode, procedureCode: 'X-1', agencyCode: '000.00.77.H12', fieldCode: 'LV-X' }),
      );
    }
    const seen = await mappings.listUnmapped(['2026-12-02']);
    expect(seen.map((code) => [code.kind, code.localCode, code.dossiers]).sort()).toEqual([
      ['agencies', '000.00.77.H12', 2],
      ['fields', 'LV-X', 2],
      ['procedures', 'X-1', 2],
    ]);
  });
});
