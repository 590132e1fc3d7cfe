import { beforeEach, describe, expect, it } from 'vitest';
import { nationalErrorCodes } from '../../../contracts/national-portal';
import { createInMemoryCatalogueStore } from '../../../functions/adapters/in-memory/catalogue-store';
import { createRecordingLogger } from '../../../functions/adapters/in-memory/logger';
import { createManualClock } from '../../../functions/adapters/in-memory/manual-clock';
import {
  createInMemoryNationalPortal,
  type InMemoryNationalPortal,
} from '../../../functions/adapters/in-memory/national-portal';
import {
  type CatalogueRefreshDependencies,
  refreshCatalogues,
} from '../../../functions/application/refresh-catalogues';

let portal: InMemoryNationalPortal;
let deps: CatalogueRefreshDependencies;

const procedures = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    code: `1.${String(100_000 + index).padStart(6, '0')}`,
    name: `Thủ tục ${index}`,
  }));

beforeEach(() => {
  portal = createInMemoryNationalPortal();
  portal.catalogues.procedures.entries = procedures(10);
  portal.catalogues.agencies.entries = [{ code: '000.00.12.H12', name: 'UBND phường Hoàn Kiếm', level: '3' }];
  portal.catalogues.fields.entries = [{ code: 'G03-HT01', name: 'Hộ tịch' }];
  deps = {
    nationalPortal: portal,
    catalogues: createInMemoryCatalogueStore(),
    clock: createManualClock('2026-12-01T20:00:00.000Z'),
    logger: createRecordingLogger(),
  };
});

const outcomes = async (kinds?: Parameters<typeof refreshCatalogues>[1]) =>
  (await refreshCatalogues(deps, kinds)).results.map((result) => [
    result.kind,
    result.outcome,
    result.version,
  ]);

describe('refreshing the national catalogues', () => {
  it('loads a first version of each, then finds them unchanged without a new version', async () => {
    expect(await outcomes()).toEqual([
      ['procedures', 'first', 1],
      ['agencies', 'first', 1],
      ['fields', 'first', 1],
    ]);
    expect(await outcomes()).toEqual([
      ['procedures', 'unchanged', 1],
      ['agencies', 'unchanged', 1],
      ['fields', 'unchanged', 1],
    ]);
    expect((await deps.catalogues.current('agencies'))?.items).toEqual(portal.catalogues.agencies.entries);
  });

  it('keeps a new version with what was added, renamed and removed', async () => {
    await refreshCatalogues(deps, ['procedures']);
    const [first, second, ...rest] = portal.catalogues.procedures.entries;
    portal.catalogues.procedures.entries = [
      { ...(first as { code: string; name: string }), name: 'Thủ tục đổi tên' },
      ...rest,
      { code: '1.200000', name: 'Thủ tục mới' },
    ];
    const [result] = (await refreshCatalogues(deps, ['procedures'])).results;
    expect(result).toMatchObject({ outcome: 'updated', version: 2, entries: 10 });
    expect(result?.changes).toMatchObject({
      addedCodes: ['1.200000'],
      renamedCodes: [first?.code],
      removedCodes: [second?.code],
    });
    expect((await deps.catalogues.listVersions('procedures', 5)).map((version) => version.version)).toEqual([
      2, 1,
    ]);
  });

  it('never replaces the last good version with a failed, unreadable, empty or cut-short pull', async () => {
    await refreshCatalogues(deps, ['procedures']);
    const good = await deps.catalogues.current('procedures');

    portal.failNext(nationalErrorCodes.authentication, 'catalogue');
    portal.catalogues.procedures.entries = procedures(12);
    expect(await outcomes(['procedures'])).toEqual([['procedures', 'failed', 1]]);

    portal.catalogues.procedures.unreadableRows = 1;
    expect(await outcomes(['procedures'])).toEqual([['procedures', 'partial', 1]]);

    portal.catalogues.procedures = { entries: procedures(4), unreadableRows: 0 };
    expect(await outcomes(['procedures'])).toEqual([['procedures', 'partial', 1]]);

    portal.catalogues.procedures = { entries: [], unreadableRows: 0 };
    expect(await outcomes(['procedures'])).toEqual([['procedures', 'partial', 1]]);

    expect(await deps.catalogues.current('procedures')).toEqual(good);
  });

  it('reports a failure of the first pull without anything current', async () => {
    portal.failNext(nationalErrorCodes.wrongData, 'catalogue');
    const [result] = (await refreshCatalogues(deps, ['fields'])).results;
    expect(result).toMatchObject({ kind: 'fields', outcome: 'failed' });
    expect(result?.error).toBeTruthy();
    expect(await deps.catalogues.current('fields')).toBeUndefined();
  });
});
