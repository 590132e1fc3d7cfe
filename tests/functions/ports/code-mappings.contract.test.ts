import { describe, expect, it } from 'vitest';
import type { CodeMapping } from '../../../contracts/code-mappings';
import { createDynamoDbCodeMappings } from '../../../functions/adapters/dynamodb-code-mappings';
import { createInMemoryCodeMappings } from '../../../functions/adapters/in-memory/code-mappings';
import type { CodeMappings } from '../../../functions/ports/code-mappings';
import { useGatewayTable } from '../../support/dynamodb-table';
import { inMemoryAndDynamoDb } from '../../support/port-contracts';

/**
 * The CodeMappings contract, in memory and on DynamoDB (dynalite). The table is shared by the
 * cases, so each case uses its own kind or its own days.
 */
const table = useGatewayTable();

const implementations = inMemoryAndDynamoDb<CodeMappings>(
  table,
  () => createInMemoryCodeMappings(),
  ({ documents, tableName }) => createDynamoDbCodeMappings(documents, { tableName }),
);

const mapping = (kind: CodeMapping['kind'], localCode: string, nationalCode: string): CodeMapping => ({
  kind,
  localCode,
  nationalCode,
  nationalName: `Tên của ${nationalCode}`,
  updatedAt: '2026-12-02T01:00:00.000Z',
  updatedBy: 'security@demo',
});

describe.each(implementations)('code mappings contract: $name', ({ create }) => {
  it('lists a kind’s mappings by local code, answers what a save replaced, and removes one', async () => {
    const mappings = create();
    expect(await mappings.put(mapping('procedures', 'KS-02', '1.000002'))).toBeUndefined();
    await mappings.put(mapping('procedures', 'KS-01', '1.000001'));
    await mappings.put(mapping('agencies', 'SNV', '000.00.11.H12'));
    const replaced = await mappings.put({ ...mapping('procedures', 'KS-02', '1.000022'), unchecked: true });
    expect(replaced?.nationalCode).toBe('1.000002');

    const listed = await mappings.list('procedures');
    expect(listed.map((row) => [row.localCode, row.nationalCode, row.unchecked])).toEqual([
      ['KS-01', '1.000001', undefined],
      ['KS-02', '1.000022', true],
    ]);
    expect((await mappings.remove('procedures', 'KS-01'))?.nationalCode).toBe('1.000001');
    expect(await mappings.remove('procedures', 'KS-01')).toBeUndefined();
    expect((await mappings.list('procedures')).map((row) => row.localCode)).toEqual(['KS-02']);
    expect((await mappings.list('agencies')).map((row) => row.localCode)).toEqual(['SNV']);
  });

  it('saves many at once, a row saved again replacing the earlier one', async () => {
    const mappings = create();
    const rows = Array.from({ length: 25 }, (_, index) =>
      mapping('fields', `LV-${String(index).padStart(2, '0')}`, `G${index}`),
    );
    await mappings.putMany(rows);
    await mappings.putMany([mapping('fields', 'LV-03', 'G99')]);
    const listed = await mappings.list('fields');
    expect(listed).toHaveLength(25);
    expect(listed.find((row) => row.localCode === 'LV-03')?.nationalCode).toBe('G99');
  });

  it('counts a code’s distinct dossiers per day, sums the days, and lists the latest seen first', async () => {
    const mappings = create();
    const seen = (localCode: string, dossierCode: string, day: string, at: string) =>
      mappings.recordUnmapped({ kind: 'procedures', localCode, dossierCode, day, at });
    await seen('X-1', 'D-1', '2026-11-30', '2026-11-30T02:00:00.000Z');
    await seen('X-1', 'D-1', '2026-11-30', '2026-11-30T03:00:00.000Z');
    await seen('X-1', 'D-2', '2026-11-30', '2026-11-30T04:00:00.000Z');
    await seen('X-1', 'D-1', '2026-12-01', '2026-12-01T01:00:00.000Z');
    await seen('Y-9', 'D-3', '2026-12-01', '2026-12-01T05:00:00.000Z');
    await seen('Z-0', 'D-4', '2026-10-01', '2026-10-01T05:00:00.000Z');

    expect(await mappings.listUnmapped(['2026-12-01', '2026-11-30'])).toEqual([
      { kind: 'procedures', localCode: 'Y-9', dossiers: 1, lastSeen: '2026-12-01T05:00:00.000Z' },
      { kind: 'procedures', localCode: 'X-1', dossiers: 3, lastSeen: '2026-12-01T01:00:00.000Z' },
    ]);
  });
});
