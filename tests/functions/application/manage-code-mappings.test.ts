import { beforeEach, describe, expect, it } from 'vitest';
import { createInMemoryAuditLog } from '../../../functions/adapters/in-memory/audit-log';
import { createInMemoryCatalogueStore } from '../../../functions/adapters/in-memory/catalogue-store';
import { createInMemoryCodeMappings } from '../../../functions/adapters/in-memory/code-mappings';
import { createManualClock } from '../../../functions/adapters/in-memory/manual-clock';
import {
  createCodeMappingOperations,
  type MappingFileRow,
} from '../../../functions/application/manage-code-mappings';
import { createNationalCodes } from '../../../functions/application/resolve-national-codes';
import { type GatewayError, isGatewayError } from '../../../functions/core/gateway-error';
import type { CatalogueStore } from '../../../functions/ports/catalogue-store';
import type { CodeMappings } from '../../../functions/ports/code-mappings';
import { loadFirstVersion } from '../../support/catalogues';
import { aRecoding2025, sequentialIds } from '../../support/fixtures';
import { anAdministrator } from '../../support/use-case-fixtures';

/** The mapping use case (issue 21) over in-memory ports; the routes and pages have their own tests. */

const procedures = [
  { code: '1.010708.000.00.00.H12', name: 'Đăng ký khai sinh' },
  { code: '1.100014.000.00.00.H12', name: 'Đăng ký khai tử' },
  { code: '1.100021.000.00.00.H12', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ' },
];
const LOCAL = '1.900001';

let clock: ReturnType<typeof createManualClock>;
let catalogues: CatalogueStore;
let mappings: CodeMappings;
let audit: ReturnType<typeof createInMemoryAuditLog>;
let operations: ReturnType<typeof createCodeMappingOperations>;

beforeEach(() => {
  clock = createManualClock('2026-12-02T03:00:00.000Z');
  catalogues = createInMemoryCatalogueStore();
  mappings = createInMemoryCodeMappings();
  audit = createInMemoryAuditLog({ clock, newId: sequentialIds('audit') });
  operations = createCodeMappingOperations({
    mappings,
    catalogues,
    audit,
    clock,
    nationalCodes: createNationalCodes({
      mappings,
      catalogues,
      agencyRecoding: aRecoding2025(),
      names: { strict: false, nameOf: async () => undefined },
    }),
  });
});

async function refusal(work: Promise<unknown>): Promise<GatewayError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isGatewayError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

const rows = (...pairs: [string, string][]): MappingFileRow[] =>
  pairs.map(([localCode, nationalCode], index) => ({ row: index + 2, localCode, nationalCode }));

describe('saving one mapping', () => {
  it('saves it unchecked while no catalogue has loaded, and audits it', async () => {
    const saved = await operations.put(
      'procedures',
      LOCAL,
      { nationalCode: '1.010708.000.00.00.H12' },
      anAdministrator,
    );
    expect(saved).toMatchObject({ nationalCode: '1.010708.000.00.00.H12', unchecked: true });
    expect(await mappings.list('procedures')).toEqual([saved]);
    expect(audit.entries.map(({ action, target }) => `${action} ${target}`)).toEqual([
      `mapping.save procedures/${LOCAL}`,
    ]);
  });

  it('refuses a national code the loaded catalogue does not list, at $.nationalCode with the closest entries by name', async () => {
    await loadFirstVersion(catalogues, 'procedures', procedures);
    const error = await refusal(
      operations.put(
        'procedures',
        LOCAL,
        { nationalCode: '1.999999.000.00.00.H12', nationalName: 'khai tử' },
        anAdministrator,
      ),
    );
    expect(error.code).toBe('mapping.nationalCodeUnknown');
    expect(error.fieldErrors.map((field) => field.path)).toEqual(['$.nationalCode']);
    expect((error.details as { closest: { code: string }[] }).closest[0]?.code).toBe(
      '1.100014.000.00.00.H12',
    );
    expect(await mappings.list('procedures')).toEqual([]);
    expect(audit.entries).toEqual([]);
  });

  it('records what a change replaced, checked against the catalogue', async () => {
    await loadFirstVersion(catalogues, 'procedures', procedures);
    const first = await operations.put(
      'procedures',
      LOCAL,
      { nationalCode: '1.010708.000.00.00.H12' },
      anAdministrator,
    );
    clock.advance(60);
    const second = await operations.put(
      'procedures',
      LOCAL,
      { nationalCode: '1.100014.000.00.00.H12' },
      anAdministrator,
    );
    expect(second.unchecked).toBeUndefined();
    expect(audit.entries.at(-1)).toMatchObject({ before: first, after: second });
  });

  it('answers mapping.notFound for a delete of nothing, and audits a real delete with what it removed', async () => {
    expect((await refusal(operations.remove('procedures', LOCAL, anAdministrator))).code).toBe(
      'mapping.notFound',
    );
    const saved = await operations.put(
      'procedures',
      LOCAL,
      { nationalCode: '1.010708.000.00.00.H12' },
      anAdministrator,
    );
    await operations.remove('procedures', LOCAL, anAdministrator);
    expect(await mappings.list('procedures')).toEqual([]);
    expect(audit.entries.at(-1)).toMatchObject({ action: 'mapping.delete', before: saved });
  });

  it('finds mappings by the start of either code or by words of the national name, accents ignored', async () => {
    await operations.put(
      'procedures',
      LOCAL,
      { nationalCode: '1.010708.000.00.00.H12', nationalName: 'Đăng ký khai sinh' },
      anAdministrator,
    );
    await operations.put(
      'procedures',
      '1.900002',
      { nationalCode: '1.100014.000.00.00.H12' },
      anAdministrator,
    );
    const locals = async (q: string) => (await operations.list('procedures', q)).map((m) => m.localCode);
    expect(await locals('1.900')).toEqual([LOCAL, '1.900002']);
    expect(await locals('1.100014')).toEqual(['1.900002']);
    expect(await locals('dang ky khai sinh')).toEqual([LOCAL]);
  });
});

describe('importing a file of mappings', () => {
  it('saves nothing when one row is wrong, and names each bad row and column', async () => {
    await loadFirstVersion(catalogues, 'procedures', procedures);
    const result = await operations.importRows(
      'procedures',
      rows(
        [LOCAL, '1.010708.000.00.00.H12'],
        ['has space', '1.010708.000.00.00.H12'],
        [LOCAL, '1.100014.000.00.00.H12'],
        ['1.900003', '1.999999.000.00.00.H12'],
      ),
      { dryRun: false, actor: anAdministrator },
    );
    expect(result.applied).toBe(false);
    expect(result.errors.map(({ row, field }) => `${row} ${field}`)).toEqual([
      '3 localCode',
      '4 localCode',
      '5 nationalCode',
    ]);
    expect(result.errors[1]?.message).toContain('dòng 2');
    expect(await mappings.list('procedures')).toEqual([]);
    expect(audit.entries).toEqual([]);
  });

  it('counts added, changed and unchanged rows; a dry run saves nothing, the real run saves and audits once', async () => {
    await loadFirstVersion(catalogues, 'procedures', procedures);
    await operations.put('procedures', LOCAL, { nationalCode: '1.010708.000.00.00.H12' }, anAdministrator);
    await operations.put(
      'procedures',
      '1.900002',
      { nationalCode: '1.010708.000.00.00.H12' },
      anAdministrator,
    );
    const file = rows(
      [LOCAL, '1.010708.000.00.00.H12'],
      ['1.900002', '1.100014.000.00.00.H12'],
      ['1.900003', '1.100021.000.00.00.H12'],
    );
    const dry = await operations.importRows('procedures', file, { dryRun: true, actor: anAdministrator });
    expect(dry).toMatchObject({ applied: false, rows: 3, added: 1, changed: 1, unchanged: 1, errors: [] });
    expect((await mappings.list('procedures')).map((m) => m.nationalCode)).toEqual([
      '1.010708.000.00.00.H12',
      '1.010708.000.00.00.H12',
    ]);

    const real = await operations.importRows('procedures', file, { dryRun: false, actor: anAdministrator });
    expect(real).toMatchObject({ applied: true, added: 1, changed: 1, unchanged: 1 });
    expect((await mappings.list('procedures')).map((m) => `${m.localCode}>${m.nationalCode}`)).toEqual([
      `${LOCAL}>1.010708.000.00.00.H12`,
      '1.900002>1.100014.000.00.00.H12',
      '1.900003>1.100021.000.00.00.H12',
    ]);
    expect(audit.entries.filter((entry) => entry.action === 'mapping.import')).toHaveLength(1);
  });
});

describe('the unmapped codes still to do', () => {
  it('lists a code seen in the last 30 days until a mapping explains it', async () => {
    await mappings.recordUnmapped({
      kind: 'procedures',
      localCode: LOCAL,
      dossierCode: '000.00.12.H12-261202-0001',
      day: '2026-12-01',
      at: '2026-12-01T03:00:00.000Z',
    });
    await mappings.recordUnmapped({
      kind: 'procedures',
      localCode: '1.900009',
      dossierCode: '000.00.12.H12-261002-0001',
      day: '2026-10-02',
      at: '2026-10-02T03:00:00.000Z',
    });
    expect((await operations.unmapped()).map((code) => code.localCode)).toEqual([LOCAL]);
    await operations.put('procedures', LOCAL, { nationalCode: '1.010708.000.00.00.H12' }, anAdministrator);
    expect(await operations.unmapped()).toEqual([]);
  });
});
