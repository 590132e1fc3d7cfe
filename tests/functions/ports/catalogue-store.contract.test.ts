import { describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '../../../contracts/national-catalogues';
import { createDynamoDbCatalogueStore } from '../../../functions/adapters/dynamodb-catalogue-store';
import { createInMemoryCatalogueStore } from '../../../functions/adapters/in-memory/catalogue-store';
import { catalogueChanges } from '../../../functions/core/catalogue-matching';
import type { CatalogueStore, CatalogueVersion } from '../../../functions/ports/catalogue-store';
import { useGatewayTable } from '../../support/dynamodb-table';

/** The CatalogueStore contract, in memory and on DynamoDB (dynalite); each test owns one kind. */
const table = useGatewayTable();
let writes = 0;

const implementations: { name: string; create: () => CatalogueStore }[] = [
  { name: 'in memory', create: () => createInMemoryCatalogueStore() },
  {
    name: 'DynamoDB (dynalite)',
    create: () =>
      createDynamoDbCatalogueStore(table().documents, {
        tableName: table().tableName,
        newId: () => `write-${++writes}`,
      }),
  },
];

const versionOf = (
  kind: CatalogueVersion['kind'],
  version: number,
  items: CatalogueEntry[],
  before: CatalogueEntry[] = [],
): CatalogueVersion => ({
  kind,
  version,
  pulledAt: `2026-12-0${version}T01:00:00.000Z`,
  checkedAt: `2026-12-0${version}T01:00:00.000Z`,
  entries: items.length,
  changes: catalogueChanges(before, items),
  items,
});

describe.each(implementations)('catalogue store contract: $name', ({ create }) => {
  it('has nothing current before a first version, then the whole version, in order, past one item’s size', async () => {
    const store = create();
    expect(await store.current('procedures')).toBeUndefined();
    // ~1.2 MB of Vietnamese names: several chunks on DynamoDB.
    const items = Array.from({ length: 900 }, (_, index) => ({
      code: `1.${String(100_000 + index).padStart(6, '0')}.000.00.00.H12`,
      name: `Thủ tục số ${index} ${'đăng ký khai sinh ở cấp xã '.repeat(18)}`,
      fieldCode: 'G03-HT01',
      fieldName: 'Hộ tịch',
    }));
    expect(await store.saveVersion(versionOf('procedures', 1, items))).toBe(true);
    const current = await store.current('procedures');
    expect(current?.version).toBe(1);
    expect(current?.items).toEqual(items);
    expect(current?.changes.added).toBe(900);
  });

  it('makes a version current only after the one before it, once', async () => {
    const store = create();
    const first = [{ code: '000.00.12.H12', name: 'UBND phường Hoàn Kiếm', level: '3' }];
    const second = [...first, { code: '000.00.41.H12', name: 'UBND xã mới', level: '3' }];
    const rival = [{ code: '000.00.99.H12', name: 'Không được lưu' }];
    expect(await store.saveVersion(versionOf('agencies', 1, first))).toBe(true);
    expect(await store.saveVersion(versionOf('agencies', 3, second, first))).toBe(false);
    expect(await store.saveVersion(versionOf('agencies', 2, second, first))).toBe(true);
    expect(await store.saveVersion(versionOf('agencies', 2, rival, first))).toBe(false);

    expect((await store.current('agencies'))?.items).toEqual(second);
    const versions = await store.listVersions('agencies', 10);
    expect(versions.map((version) => [version.version, version.entries, version.changes.added])).toEqual([
      [2, 2, 1],
      [1, 1, 1],
    ]);
    expect(versions[0]).not.toHaveProperty('items');
  });

  it('moves the time a version was last found unchanged forward only', async () => {
    const store = create();
    await store.saveVersion(versionOf('fields', 1, [{ code: 'G03-HT01', name: 'Hộ tịch' }]));
    await store.markChecked('fields', 1, '2026-12-05T01:00:00.000Z');
    await store.markChecked('fields', 1, '2026-12-04T01:00:00.000Z');
    expect((await store.current('fields'))?.checkedAt).toBe('2026-12-05T01:00:00.000Z');
    expect((await store.listVersions('fields', 1))[0]?.checkedAt).toBe('2026-12-05T01:00:00.000Z');
  });
});
