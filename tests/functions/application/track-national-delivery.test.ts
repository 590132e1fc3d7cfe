import { describe, expect, it } from 'vitest';
import { createInMemoryIndicatorLedger } from '../../../functions/adapters/in-memory/indicator-ledger';
import { createNationalDeliverer } from '../../../functions/application/deliver-to-national';
import { createDeliveryTracker } from '../../../functions/application/track-national-delivery';
import { aStatusChange } from '../../support/national-fixtures';
import {
  acceptDossier,
  acceptStatusChange,
  aGatewayWorld,
  failing,
  type GatewayWorld,
  H12,
  relayQueue,
} from '../../support/use-case-fixtures';

/** What a delivery to the portal leaves behind: indicator moments and the promised date to watch. */

const everything = { now: '2025-01-01T00:00:00.000Z', until: '2026-01-01T00:00:00.000Z', limit: 10 };

const watched = async (world: GatewayWorld) =>
  (await world.deadlineWatch.listNeedingNotice(everything)).map((dossier) => dossier.dueAt);

describe('tracking national deliveries', () => {
  it('records the reception and watches the promised date once the portal has the dossier', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);

    await relayQueue(world, 'national');

    expect(await world.indicatorLedger.listThrough(H12, '2025-03-31')).toEqual([
      expect.objectContaining({ dossierCode: dossier.dossierCode, milestone: 'received', day: '2025-03-14' }),
    ]);
    expect(await watched(world)).toEqual(['2025-03-17T10:00:00.000Z']);
  });

  it('records a finish before the promised date as on time, and stops watching it', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'processing', 10));
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e2', 'resolved', 60));

    await relayQueue(world, 'national');

    const moments = await world.indicatorLedger.listThrough(H12, '2025-03-31');
    expect(moments.map((moment) => `${moment.milestone} ${moment.onTime ?? ''}`.trim())).toEqual([
      'finished true',
      'received',
    ]);
    expect(await watched(world)).toEqual([]);
  });

  it('stops the clock while the dossier waits for the citizen', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'awaiting_supplement', 10));

    await relayQueue(world, 'national');

    expect(await watched(world)).toEqual([]);
  });

  it('still counts the delivery when the moments cannot be recorded, and tells an operator', async () => {
    const world = aGatewayWorld();
    const ledger = failing(createInMemoryIndicatorLedger(), 'record', 'ledger throttled');
    const track = createDeliveryTracker({ ledger, logger: world.logger, pausedStatuses: [] });
    const { message } = await acceptDossier(world);
    const stored = await world.store.getMessage('national', message.dossierCode, 1);
    if (!stored) throw new Error('not stored');
    const deliverer = createNationalDeliverer(world, track);

    const receipt = await deliverer.deliver(
      stored,
      { deliveredSequence: 0, nationalSynced: false },
      {
        uncertain: false,
        recordFirstStep: async () => undefined,
      },
    );

    expect(receipt.progress).toMatchObject({ watchDeadline: '2025-03-17T10:00:00.000Z' });
    expect(world.logger.at('error')).toEqual([
      expect.objectContaining({ message: 'indicator moments not recorded' }),
    ]);
  });
});
