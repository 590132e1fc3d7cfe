import { describe, expect, it } from 'vitest';
import { createNationalDeliverer } from '../../../functions/application/deliver-to-national';
import { createDeliveryTracker } from '../../../functions/application/track-national-delivery';
import { aStatusChange } from '../../support/national-fixtures';
import {
  acceptDossier,
  acceptStatusChange,
  aGatewayWorld,
  type GatewayWorld,
  relayQueue,
} from '../../support/use-case-fixtures';

/** What a delivery to the portal leaves behind: the dossier's QĐ 766 fact sheet and the promised date to watch. */

const everything = { now: '2025-01-01T00:00:00.000Z', until: '2026-01-01T00:00:00.000Z', limit: 10 };

const watched = async (world: GatewayWorld) =>
  (await world.deadlineWatch.listNeedingNotice(everything)).map((dossier) => dossier.dueAt);

describe('tracking national deliveries', () => {
  it('keeps the dossier’s fact sheet and watches the promised date once the portal has the dossier', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);

    await relayQueue(world, 'national');

    expect(await world.scorecard.get(dossier.dossierCode)).toMatchObject({ sequence: 1 });
    expect(await watched(world)).toEqual(['2025-03-17T10:00:00.000Z']);
  });

  it('folds every status change into the fact sheet, and stops watching a finished dossier', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'processing', 10));
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e2', 'resolved', 60));

    await relayQueue(world, 'national');

    expect(await world.scorecard.get(dossier.dossierCode)).toMatchObject({ sequence: 3 });
    expect(await watched(world)).toEqual([]);
  });

  it('stops the clock while the dossier waits for the citizen', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'awaiting_supplement', 10));

    await relayQueue(world, 'national');

    expect(await watched(world)).toEqual([]);
  });

  it('still counts the delivery when the scorecard cannot be recorded, and tells an operator', async () => {
    const world = aGatewayWorld();
    const recordScorecard = () => async () => {
      throw new Error('scorecard throttled');
    };
    const track = createDeliveryTracker({ recordScorecard, logger: world.logger, pausedStatuses: [] });
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
      expect.objectContaining({ message: 'scorecard verdicts not recorded' }),
    ]);
  });
});
