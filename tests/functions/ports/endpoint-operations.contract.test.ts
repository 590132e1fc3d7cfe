import { describe, expect, it } from 'vitest';
import {
  createDynamoDbDeliveryLog,
  createDynamoDbEndpointPauses,
} from '../../../functions/adapters/dynamodb-endpoint-operations';
import {
  createInMemoryDeliveryLog,
  createInMemoryEndpointPauses,
} from '../../../functions/adapters/in-memory/endpoint-operations';
import type {
  DeliveryLog,
  DeliveryLogEntry,
  EndpointPauses,
} from '../../../functions/ports/endpoint-operations';
import { useGatewayTable } from '../../support/dynamodb-table';

/** The pauses item and the delivery log (issue 19), in memory and on DynamoDB (dynalite). */
const table = useGatewayTable();

const implementations: { name: string; pauses: () => EndpointPauses; log: () => DeliveryLog }[] = [
  { name: 'in memory', pauses: createInMemoryEndpointPauses, log: createInMemoryDeliveryLog },
  {
    name: 'DynamoDB (dynalite)',
    pauses: () => createDynamoDbEndpointPauses(table().documents, { tableName: table().tableName }),
    log: () =>
      createDynamoDbDeliveryLog(table().documents, { tableName: table().tableName, retentionDays: 14 }),
  },
];

const anAttempt = (
  systemId: string,
  at: string,
  overrides: Partial<DeliveryLogEntry> = {},
): DeliveryLogEntry => ({
  systemId,
  at,
  eventType: 'dossier.submitted',
  messageId: `m-${at}`,
  dossierCode: '000.00.12.H12-250314-0001',
  httpStatus: 204,
  latencyMs: 12,
  attempt: 1,
  outcome: 'delivered',
  detail: 'answered HTTP 204',
  ...overrides,
});

describe.each(implementations)('endpoint operations contract: $name', ({ pauses, log }) => {
  it('pauses a system once, keeps the first pause, and resumes it with the time kept', async () => {
    const store = pauses();
    const first = { since: '2025-03-14T02:00:00.000Z', by: 'An (op-1)' };
    expect(await store.pause('sys-a', first)).toBe(true);
    expect(await store.pause('sys-a', { since: '2025-03-14T03:00:00.000Z', by: 'B' })).toBe(false);
    expect(await store.pause('sys-b', first)).toBe(true);
    expect((await store.current()).paused).toEqual(
      new Map([
        ['sys-a', first],
        ['sys-b', first],
      ]),
    );

    expect(await store.resume('sys-a', '2025-03-14T04:00:00.000Z')).toEqual(first);
    expect(await store.resume('sys-a', '2025-03-14T05:00:00.000Z')).toBeUndefined();
    const now = await store.current();
    expect([...now.paused.keys()]).toEqual(['sys-b']);
    expect(now.resumedAt.get('sys-a')).toBe('2025-03-14T04:00:00.000Z');
  });

  it('lists one system’s attempts newest first, a repeated write of one attempt kept once', async () => {
    const entries = log();
    await entries.record(
      anAttempt('sys-a', '2025-03-14T02:00:00.000Z', { outcome: 'failed', httpStatus: 503 }),
    );
    await entries.record(anAttempt('sys-a', '2025-03-14T02:01:00.000Z', { attempt: 2 }));
    await entries.record(anAttempt('sys-a', '2025-03-14T02:01:00.000Z', { attempt: 2 }));
    await entries.record(anAttempt('sys-b', '2025-03-14T02:02:00.000Z'));

    const recent = await entries.recent('sys-a', 10);
    expect(recent.map((entry) => [entry.at, entry.outcome, entry.attempt])).toEqual([
      ['2025-03-14T02:01:00.000Z', 'delivered', 2],
      ['2025-03-14T02:00:00.000Z', 'failed', 1],
    ]);
    expect(recent[1]).toEqual(
      anAttempt('sys-a', '2025-03-14T02:00:00.000Z', { outcome: 'failed', httpStatus: 503 }),
    );
    expect(await entries.recent('sys-a', 1)).toHaveLength(1);
  });
});
