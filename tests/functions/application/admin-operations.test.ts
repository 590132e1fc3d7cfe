import { describe, expect, it } from 'vitest';
import { createInMemoryAuditLog } from '../../../functions/adapters/in-memory/audit-log';
import { createInMemoryMessageQueue } from '../../../functions/adapters/in-memory/message-queue';
import { createInMemoryQueueMonitor } from '../../../functions/adapters/in-memory/queue-monitor';
import {
  type AdminDependencies,
  bulkReplay,
  discardAsAdmin,
  listFailedMessages,
  queueOverview,
  replayAsAdmin,
} from '../../../functions/application/admin-operations';
import { channelQueues } from '../../../infra/topology';
import { sequentialIds } from '../../support/fixtures';
import {
  acceptDossier,
  aGatewayWorld,
  anAdministrator,
  aParkedDossier,
} from '../../support/use-case-fixtures';

/** The admin console's operations over the in-memory store, queues and audit log. */

function anAdminWorld() {
  const world = aGatewayWorld();
  const deadLetters = createInMemoryMessageQueue(channelQueues.national.deadLetterQueue.name, world);
  const audit = createInMemoryAuditLog({ clock: world.clock, newId: sequentialIds('audit') });
  const deps: AdminDependencies = {
    ...world,
    audit,
    queueMonitor: createInMemoryQueueMonitor([world.queues.national, world.queues.province, deadLetters]),
    deadLetterQueues: {
      national: channelQueues.national.deadLetterQueue.name,
      province: channelQueues.province.deadLetterQueue.name,
    },
  };
  return { ...world, deps, audit, deadLetters };
}

const admin = anAdministrator;

describe('the queue overview', () => {
  it('counts waiting, in-flight, dead-letter and parked messages per queue, and the oldest pending age', async () => {
    const world = anAdminWorld();
    await aParkedDossier(world);
    await acceptDossier(world);
    await acceptDossier(world);
    world.queues.national.receive();
    const [dead] = world.queues.national.sent;
    if (dead) await world.deadLetters.send(dead);
    world.clock.advance(90);

    const overview = await queueOverview(world.deps);

    expect(overview.queues).toEqual([
      { name: 'to-national.fifo', channel: 'national', depth: 1, inFlight: 1, deadLetterDepth: 1, parked: 1 },
      { name: 'to-province.fifo', channel: 'province', depth: 0, inFlight: 0, deadLetterDepth: 0, parked: 0 },
    ]);
    expect(overview.oldestPendingAgeSeconds).toBe(90);
  });
});

describe('the failed-message list', () => {
  it('pages newest first across queues with a cursor that continues where the last page ended', async () => {
    const world = anAdminWorld();
    const first = await aParkedDossier(world);
    world.clock.advance(60);
    const second = await aParkedDossier(world);

    const page1 = await listFailedMessages(world.deps, {}, { limit: 1 });
    const page2 = await listFailedMessages(world.deps, {}, { limit: 1, cursor: page1.cursor });

    expect(page1.items.map((item) => item.messageId)).toEqual([second.parkedId]);
    expect(page2.items.map((item) => item.messageId)).toEqual([first.parkedId]);
    expect(page2.cursor).toBeUndefined();
  });

  it('refuses a queue it does not have, naming the field', async () => {
    const world = anAdminWorld();

    const listing = listFailedMessages(world.deps, { queue: 'elsewhere.fifo' }, { limit: 10 });

    await expect(listing).rejects.toMatchObject({
      code: 'request.invalid',
      fieldErrors: [{ path: '$.queue' }],
    });
  });
});

describe('admin actions are audited', () => {
  it('records an edited replay with the payload before and after', async () => {
    const world = anAdminWorld();
    const { dossier, parkedId } = await aParkedDossier(world);
    const edited = { ...dossier, summary: 'Đã sửa' };

    await replayAsAdmin(world.deps, parkedId, { actor: admin, editedPayload: edited });

    expect(world.audit.entries).toEqual([
      expect.objectContaining({
        actor: admin,
        action: 'failedMessage.editReplay',
        target: parkedId,
        before: { status: 'parked', payload: dossier },
        after: { status: 'replayed', payload: edited },
      }),
    ]);
  });

  it('discards only with a reason, and records it', async () => {
    const world = anAdminWorld();
    const { parkedId } = await aParkedDossier(world);

    const silent = discardAsAdmin(world.deps, parkedId, { actor: admin, reason: '  ' });
    await discardAsAdmin(world.deps, parkedId, { actor: admin, reason: ' hồ sơ gửi nhầm ' });

    await expect(silent).rejects.toMatchObject({
      code: 'request.invalid',
      fieldErrors: [{ path: '$.reason' }],
    });
    expect(world.audit.entries).toEqual([
      expect.objectContaining({ action: 'failedMessage.discard', reason: 'hồ sơ gửi nhầm' }),
    ]);
  });
});

describe('bulk replay', () => {
  it('only counts on a dry run, and changes nothing', async () => {
    const world = anAdminWorld();
    const { parkedId } = await aParkedDossier(world);

    const result = await bulkReplay(world.deps, {}, { actor: admin, dryRun: true });

    expect(result).toEqual({ matched: 1, replayed: [], failed: [] });
    expect(await world.store.getFailedMessage(parkedId)).toMatchObject({ status: 'parked' });
    expect(world.audit.entries).toEqual([]);
  });

  it('replays every parked message of the filter and audits the run once', async () => {
    const world = anAdminWorld();
    const first = await aParkedDossier(world);
    const second = await aParkedDossier(world);

    const result = await bulkReplay(world.deps, { reason: 'rejected' }, { actor: admin, dryRun: false });

    expect(result.replayed.sort()).toEqual([first.parkedId, second.parkedId].sort());
    expect(world.audit.entries).toEqual([
      expect.objectContaining({ action: 'failedMessage.bulkReplay', after: { replayed: 2, failed: 0 } }),
    ]);
  });
});
