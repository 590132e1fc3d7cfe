import { describe, expect, it } from 'vitest';
import {
  discardFailedMessage,
  replayFailedMessage,
} from '../../../functions/application/manage-failed-messages';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import {
  aGatewayWorld,
  anAdministrator,
  aParkedDossier,
  type GatewayWorld,
  relayQueue,
} from '../../support/use-case-fixtures';

/** What an administrator does with a parked message, and how the dossier's order survives it. */

const admin = { actor: anAdministrator } as const;

describe('replaying a parked message', () => {
  it('sends it again in its place: the messages held behind it follow, in order', async () => {
    const world = aGatewayWorld();
    const { parkedId } = await aParkedDossier(world);
    world.clock.advance(10 * 60);

    const replayed = await replayFailedMessage(world, parkedId, admin);
    const outcomes = await relayQueue(world, 'national');

    expect(replayed.status).toBe('replayed');
    expect(outcomes).toEqual(['#1 delivered', '#2 delivered', '#3 delivered']);
    expect(world.portal.rows.map((row) => row.TrangThai)).toEqual(['4', '9']);
  });

  it('sends an edited payload that keeps its contract, and keeps the original', async () => {
    const world = aGatewayWorld();
    const { dossier, parkedId } = await aParkedDossier(world);

    await replayFailedMessage(world, parkedId, {
      ...admin,
      editedPayload: { ...dossier, summary: 'Đã sửa' },
    });
    await relayQueue(world, 'national');

    expect(world.portal.records.get(dossier.dossierCode)?.TrichYeuHoSo).toBe('Đã sửa');
    expect(await world.store.getMessage('national', dossier.dossierCode, 1)).toMatchObject({
      originalPayload: dossier,
    });
  });

  it('refuses an edit that breaks the contract, naming the field, and leaves the message parked', async () => {
    const world = aGatewayWorld();
    const { dossier, parkedId } = await aParkedDossier(world);

    const edit = replayFailedMessage(world, parkedId, {
      ...admin,
      editedPayload: { ...dossier, status: 'lost' },
    });

    await expect(edit).rejects.toMatchObject({
      code: 'request.invalid',
      fieldErrors: [expect.objectContaining({ path: '$.payload.status' })],
    });
    expect(await world.store.getFailedMessage(parkedId)).toMatchObject({ status: 'parked' });
  });

  it('answers not found for an unknown id, and not parked for one replayed already', async () => {
    const world = aGatewayWorld();
    const { parkedId } = await aParkedDossier(world);
    await replayFailedMessage(world, parkedId, admin);

    await expect(replayFailedMessage(world, 'no-such-id', admin)).rejects.toMatchObject({
      code: 'failedMessage.notFound',
    });
    await expect(replayFailedMessage(world, parkedId, admin)).rejects.toMatchObject({
      code: 'failedMessage.notParked',
    });
  });
});

describe('discarding a parked message', () => {
  it('skips it for good and lets the dossier’s later messages go on', async () => {
    const world = aGatewayWorld();
    const { dossier, discarded } = await discardTheParkedSync(world, { minutesLater: 10 });
    const outcomes = await relayQueue(world, 'national');

    expect(discarded.status).toBe('discarded');
    expect(outcomes).toEqual(['#2 delivered', '#3 delivered']);
    expect(await world.store.getMessage('national', dossier.dossierCode, 1)).toMatchObject({
      state: 'discarded',
    });
  });
});

describe('a release inside the queue’s deduplication window', () => {
  it('sends the released copies at once: a release is a new delivery for SQS FIFO deduplication, as a replay is', async () => {
    const world = aGatewayWorld();
    await discardTheParkedSync(world, { minutesLater: 0 });
    const rightAway = await relayQueue(world, 'national');

    expect(rightAway).toEqual(['#2 delivered', '#3 delivered']);
  });
});

/**
 * An administrator discards the parked first sync `minutesLater`, because the record reached the
 * portal another way (entered there by hand); without it the portal would refuse the later
 * progress rows (error 201).
 */
async function discardTheParkedSync(world: GatewayWorld, { minutesLater }: { minutesLater: number }) {
  const { dossier, parkedId } = await aParkedDossier(world);
  await world.portal.syncDossier(dossier.agencyCode, toNationalDossier(dossier), false);
  world.clock.advance(minutesLater * 60);
  const discarded = await discardFailedMessage(world, parkedId, { ...admin, reason: 'gửi nhầm' });
  return { dossier, discarded };
}
