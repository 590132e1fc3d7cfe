import { describe, expect, it } from 'vitest';
import { recordDeadLetter } from '../../../functions/application/record-dead-letter';
import { acceptDossier, aGatewayWorld, aParkedDossier, relayQueue } from '../../support/use-case-fixtures';

/** A dead letter becomes a failed-message record, so nothing is lost when the DLQ copy goes. */

describe('recording a dead letter', () => {
  it('parks a message that used up its receives as exhausted, with the last error it met', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);
    world.portal.failNext(999);
    await relayQueue(world, 'national');
    const [dead] = world.queues.national.sent;
    if (!dead) throw new Error('nothing queued');

    const outcome = await recordDeadLetter(world, dead);

    expect(outcome).toBe('parked');
    expect(await world.store.getFailedMessage(dead.messageId)).toMatchObject({
      dossierCode: dossier.dossierCode,
      reason: 'exhausted',
      attempts: 1,
      lastError: expect.stringMatching(/last error: national portal error 999/),
    });
  });

  it('ignores the dead copy of a message that was delivered meanwhile', async () => {
    const world = aGatewayWorld();
    await acceptDossier(world);
    await relayQueue(world, 'national');
    const [delivered] = world.queues.national.sent;
    if (!delivered) throw new Error('nothing queued');

    const outcome = await recordDeadLetter(world, delivered);

    expect(outcome).toBe('ignored');
    expect(await world.store.getFailedMessage(delivered.messageId)).toBeUndefined();
  });

  it('ignores the dead copy of a message an earlier rejection parked: its record stays as it was', async () => {
    const world = aGatewayWorld();
    const { parkedId } = await aParkedDossier(world);
    const copy = world.queues.national.sent.find((sent) => sent.messageId === parkedId);
    if (!copy) throw new Error('nothing queued');

    const outcome = await recordDeadLetter(world, copy);

    expect(outcome).toBe('ignored');
    expect(await world.store.getFailedMessage(parkedId)).toMatchObject({ reason: 'rejected' });
  });
});
