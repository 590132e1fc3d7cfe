import { describe, expect, it } from 'vitest';
import {
  createDynamoDbAuditLog,
  createDynamoDbThroughputStats,
} from '../../../functions/adapters/dynamodb-admin-records';
import { createInMemoryAuditLog } from '../../../functions/adapters/in-memory/audit-log';
import { createManualClock } from '../../../functions/adapters/in-memory/manual-clock';
import { createInMemoryThroughputStats } from '../../../functions/adapters/in-memory/throughput-stats';
import type { AuditLog } from '../../../functions/ports/audit-log';
import type { ThroughputStats } from '../../../functions/ports/queue-monitor';
import { useGatewayTable } from '../../support/dynamodb-table';
import { sequentialIds } from '../../support/fixtures';
import { inMemoryAndDynamoDb } from '../../support/port-contracts';

/** The AuditLog and ThroughputStats contracts, in memory and on DynamoDB (dynalite). */
const table = useGatewayTable();

interface AuditSetup {
  readonly log: AuditLog;
  readonly clock: ReturnType<typeof createManualClock>;
}

const auditLogs = inMemoryAndDynamoDb<AuditSetup>(
  table,
  () => {
    const clock = createManualClock('2025-03-10T08:00:00.000Z');
    return { clock, log: createInMemoryAuditLog({ clock, newId: sequentialIds('a') }) };
  },
  ({ documents, tableName }) => {
    const clock = createManualClock('2025-03-10T08:00:00.000Z');
    const log = createDynamoDbAuditLog(documents, { tableName, now: clock.now, newId: sequentialIds('a') });
    return { clock, log };
  },
);

describe.each(auditLogs)('audit log contract: $name', ({ create }) => {
  it('reads every entry back newest first, across days, months and years, a page at a time', async () => {
    const { clock, log } = create();
    const targets: string[] = [];
    // A year back and a quiet stretch between: more months than one read takes side by side.
    const days = [
      '2024-03-15',
      '2024-12-31',
      '2025-01-02',
      '2025-02-20',
      '2025-03-09',
      '2025-03-09',
      '2025-03-10',
    ];
    for (const day of days) {
      clock.set(`${day}T08:00:00.000Z`);
      const entry = await log.record({
        actor: { type: 'person', subject: 'operator@demo', name: 'Trần Thị Vận Hành' },
        action: 'failedMessage.replay',
        target: `m-${day}`,
      });
      expect(entry).toMatchObject({
        at: `${day}T08:00:00.000Z`,
        actor: { type: 'person', subject: 'operator@demo' },
      });
      targets.push(entry.target);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const result = await log.list({ limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...result.items.map((entry) => entry.target));
      cursor = result.cursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...targets].reverse());
  });
});

const throughputs = inMemoryAndDynamoDb<ThroughputStats>(
  table,
  () => createInMemoryThroughputStats(),
  ({ documents, tableName }) => createDynamoDbThroughputStats(documents, { tableName }),
);

describe.each(throughputs)('throughput stats contract: $name', ({ create }) => {
  it('adds counts per channel into ten-minute buckets and reads those since a time', async () => {
    const stats = create();
    await stats.add('province', { delivered: 2, failed: 1, parked: 0 }, new Date('2026-01-05T10:03:00Z'));
    await stats.add('province', { delivered: 1, failed: 0, parked: 1 }, new Date('2026-01-05T10:09:59Z'));
    await stats.add('national', { delivered: 5, failed: 0, parked: 0 }, new Date('2026-01-05T10:12:00Z'));
    await stats.add('national', { delivered: 0, failed: 0, parked: 0 }, new Date('2026-01-05T10:42:00Z'));
    await stats.add('national', { delivered: 9, failed: 0, parked: 0 }, new Date('2026-01-05T09:55:00Z'));

    const recent = await stats.recent(new Date('2026-01-05T10:00:00Z'));
    expect(recent.sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { bucket: '2026-01-05T10:10', channel: 'national', delivered: 5, failed: 0, parked: 0 },
      { bucket: '2026-01-05T10:00', channel: 'province', delivered: 3, failed: 1, parked: 1 },
    ]);
  });
});
