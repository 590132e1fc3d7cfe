import { describe, expect, it } from 'vitest';
import { nationalErrorCodes } from '../../../contracts/national-portal';
import { acceptNationalDossier } from '../../../functions/application/accept-national-push';
import { relayMessage } from '../../../functions/application/relay-message';
import { aStatusChange } from '../../support/national-fixtures';
import {
  acceptDossier,
  acceptStatusChange,
  aGatewayWorld,
  aNationalPush,
  type GatewayWorld,
  relayQueue,
} from '../../support/use-case-fixtures';

/**
 * The relay: one queued message of a dossier at a time, in sequence order, to the real national
 * deliverer over an in-memory portal (and the province deliverer over in-memory webhooks).
 */

/** A dossier and two status changes, accepted and queued for the portal. */
async function aDossierWithChanges(world: GatewayWorld) {
  const { dossier } = await acceptDossier(world);
  await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'processing', 10));
  await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e2', 'resolved', 60));
  return dossier.dossierCode;
}

const envelope = (world: GatewayWorld, sequence: number) => {
  const queued = world.queues.national.sent.find((sent) => sent.sequence === sequence);
  if (!queued) throw new Error(`nothing queued at #${sequence}`);
  return queued;
};

describe('relaying a dossier’s messages to the national portal', () => {
  it('delivers them once each, in sequence order', async () => {
    const world = aGatewayWorld();
    const dossierCode = await aDossierWithChanges(world);

    const outcomes = await relayQueue(world, 'national');

    expect(outcomes).toEqual(['#1 delivered', '#2 delivered', '#3 delivered']);
    expect(world.portal.rows.map((row) => row.TrangThai)).toEqual(['4', '9']);
    expect(await world.store.getDeliveryProgress('national', dossierCode)).toMatchObject({
      deliveredSequence: 3,
    });
  });

  it('asks the portal first when the queue hands out a copy again after a killed attempt, and does not resend the update it took (soak: SIGKILL between the portal’s answer and the record)', async () => {
    const world = aGatewayWorld();
    const dossierCode = await aDossierWithChanges(world);
    await relayMessage(world, envelope(world, 1), world.deliverers.national);
    // The process took #2 off the queue, the portal took its DongBoHoSoMC update, and the process
    // died before recording anything: the same delivery, replayed outside the relay.
    const stored = await world.store.getMessage('national', dossierCode, 2);
    const progress = await world.store.getDeliveryProgress('national', dossierCode);
    if (!stored) throw new Error('not stored');
    await world.deliverers.national
      .deliver(stored, progress, {
        uncertain: false,
        recordFirstStep: async () => {
          throw new Error('killed');
        },
      })
      .catch(() => undefined);
    const syncsBefore = world.portal.calls.filter((call) => call.kind === 'sync').length;

    const outcome = await relayMessage(world, envelope(world, 2), world.deliverers.national, {
      receivedBefore: true,
    });

    expect(outcome).toBe('delivered');
    expect(world.portal.calls.filter((call) => call.kind === 'sync')).toHaveLength(syncsBefore);
    expect(world.portal.rows.map((row) => row.TrangThai)).toEqual(['4']);
  });

  it('makes a message that overtook its predecessor wait, sending nothing', async () => {
    const world = aGatewayWorld();
    await aDossierWithChanges(world);

    const early = relayMessage(world, envelope(world, 2), world.deliverers.national);

    await expect(early).rejects.toMatchObject({ code: 'sequence.waiting', details: { waitingFor: 1 } });
    expect(world.portal.calls).toEqual([]);
  });

  it('retries a transient failure, asking the portal what it holds before sending again', async () => {
    const world = aGatewayWorld();
    const dossierCode = await aDossierWithChanges(world);
    world.portal.failNext(999);

    const first = await relayQueue(world, 'national');
    const second = await relayQueue(world, 'national');

    expect(first).toEqual(['#1 national.transient']);
    expect(second).toEqual(['#1 delivered', '#2 delivered', '#3 delivered']);
    expect(world.portal.calls.slice(0, 3).map((call) => call.kind)).toEqual(['sync', 'lookup', 'sync']);
    const [history] = await world.store.listHistory('national', dossierCode);
    expect(history?.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'delivered']);
  });

  it('parks a message the portal rejects and holds the dossier’s later messages behind it', async () => {
    const world = aGatewayWorld();
    const dossierCode = await aDossierWithChanges(world);
    world.portal.failNext(nationalErrorCodes.wrongData);

    const outcomes = await relayQueue(world, 'national');

    expect(outcomes).toEqual(['#1 parked', '#2 held', '#3 held']);
    expect(await world.store.getFailedMessage(envelope(world, 1).messageId)).toMatchObject({
      dossierCode,
      queue: 'to-national.fifo',
      reason: 'rejected',
      attempts: 1,
      status: 'parked',
    });
    expect(world.portal.records.size).toBe(0);
  });

  it('drops a copy of a message parked meanwhile as stale', async () => {
    const world = aGatewayWorld();
    await aDossierWithChanges(world);
    world.portal.failNext(nationalErrorCodes.wrongData);
    await relayQueue(world, 'national');

    const parkedCopy = await relayMessage(world, envelope(world, 1), world.deliverers.national);

    expect(parkedCopy).toBe('stale');
  });

  it('drops a copy of a message delivered already without calling the portal', async () => {
    const world = aGatewayWorld();
    await aDossierWithChanges(world);
    await relayQueue(world, 'national');
    const callsBefore = world.portal.calls.length;

    const copy = await relayMessage(world, envelope(world, 1), world.deliverers.national);

    expect(copy).toBe('duplicate');
    expect(world.portal.calls).toHaveLength(callsBefore);
  });
});

describe('relaying to the provincial system', () => {
  it('blames the province, not the portal, when its webhook endpoint is down', async () => {
    const world = aGatewayWorld();
    const push = aNationalPush();
    await acceptNationalDossier(world, push, 'trace');
    world.webhooks.failNext('transient');

    const outcomes = await relayQueue(world, 'province');

    expect(outcomes).toEqual(['#1 province.transient']);
    expect(await relayQueue(world, 'province')).toEqual(['#1 delivered']);
    expect(world.webhooks.delivered.map(({ event }) => event.type)).toEqual(['dossier.submitted']);
  });
});
