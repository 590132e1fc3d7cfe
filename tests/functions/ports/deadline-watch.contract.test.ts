import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDeadlineWatch } from '../../../functions/adapters/dynamodb-deadline-watch';
import { createInMemoryDeadlineWatch } from '../../../functions/adapters/in-memory/deadline-watch';
import type { DeadlineWatch } from '../../../functions/ports/deadline-watch';
import type { DossierStore } from '../../../functions/ports/dossier-store';
import { useGatewayTable } from '../../support/dynamodb-table';
import { aStoredMessage } from '../../support/fixtures';
import { besideADossierStore } from '../../support/port-contracts';

/**
 * The DeadlineWatch contract, against the in-memory watch and the DynamoDB one on dynalite; in
 * both, the list is what the dossier store's deliveries put on it.
 */
const table = useGatewayTable();
const implementations = besideADossierStore<DeadlineWatch>(
  table,
  {
    inMemory: createInMemoryDeadlineWatch,
    dynamodb: ({ documents, tableName }) =>
      createDynamoDbDeadlineWatch(documents, { tableName, pendingShards: 2 }),
  },
  2,
);

let counter = 0;
/** Delivers message 1 of a new dossier with the given promised date to watch. */
async function watchedIn(store: DossierStore, dueAt: string | null): Promise<string> {
  counter += 1;
  const dossierCode = `000.00.12.H12-250403-${String(counter).padStart(4, '0')}`;
  const message = aStoredMessage(dossierCode, 1, {
    status: 'processing',
    acceptedAt: '2025-04-03T01:00:00.000Z',
  });
  await store.appendMessage(message);
  await store.recordDelivery(
    message,
    { at: '2025-04-03T01:00:01.000Z', outcome: 'delivered', latencyMs: 1, detail: 'ok' },
    {
      nationalStatus: 'processing',
      tracked: { agencyCode: '000.00.12.H12', ...(dueAt ? { dueAt } : {}) },
      watchDeadline: dueAt,
    },
  );
  return dossierCode;
}

describe.each(implementations)('deadline watch contract: $name', ({ create }) => {
  let store: DossierStore;
  let deadlineWatch: DeadlineWatch;
  beforeAll(() => {
    ({ store, reader: deadlineWatch } = create());
  });
  const watch = () => deadlineWatch;
  const watched = (dueAt: string | null) => watchedIn(store, dueAt);

  it('lists watched dossiers due by a time, earliest first, and drops one after its overdue notice', async () => {
    const late = await watched('2025-04-08T02:00:00.000Z');
    const early = await watched('2025-04-07T02:00:00.000Z');
    const far = await watched('2025-05-30T02:00:00.000Z');
    await watched(null);
    const due = await watch().listNeedingNotice({
      now: '2025-04-06T00:00:00.000Z',
      until: '2025-04-08T02:00:00.000Z',
      limit: 100,
    });
    const codes = due.map((dossier) => dossier.dossierCode);
    expect(codes.indexOf(early)).toBeLessThan(codes.indexOf(late));
    expect(codes).not.toContain(far);

    await watch().recordNotice(early, 'due_soon', '2025-04-07T02:00:00.000Z');
    const list = (now: string) =>
      watch().listNeedingNotice({ now, until: '2025-04-08T02:00:00.000Z', limit: 100 });
    // Told it is due soon: off the list until its promised date has passed.
    expect((await list('2025-04-06T00:00:00.000Z')).map((d) => d.dossierCode)).not.toContain(early);
    expect((await list('2025-04-07T03:00:00.000Z')).find((d) => d.dossierCode === early)).toMatchObject({
      dueSoonNoticeFor: '2025-04-07T02:00:00.000Z',
    });
    await watch().recordNotice(early, 'overdue', '2025-04-07T02:00:00.000Z');
    expect((await list('2025-04-07T03:00:00.000Z')).map((d) => d.dossierCode)).not.toContain(early);
  });

  it('ignores a notice for a promised date that has moved meanwhile', async () => {
    const dossierCode = await watched('2025-04-09T02:00:00.000Z');
    await watch().recordNotice(dossierCode, 'overdue', '2025-04-01T02:00:00.000Z');
    expect(
      (
        await watch().listNeedingNotice({
          now: '2025-04-06T00:00:00.000Z',
          until: '2025-04-10T00:00:00.000Z',
          limit: 100,
        })
      ).map((d) => d.dossierCode),
    ).toContain(dossierCode);
  });
});
