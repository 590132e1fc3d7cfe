import { describe, expect, it } from 'vitest';
import { sweepOutbox } from '../../../functions/application/sweep-outbox';
import { aStatusChange } from '../../support/national-fixtures';
import {
  acceptDossier,
  acceptStatusChange,
  aGatewayWorld,
  relayQueue,
} from '../../support/use-case-fixtures';

/** The outbox half of "accepted means delivered or parked": what the store holds, the queue gets again. */

const sweep = { staleAfterSeconds: 10 * 60, limit: 50 };

describe('sweeping the outbox', () => {
  it('re-enqueues a message accepted while the queue was down, once it is stale, marked recovered', async () => {
    const world = aGatewayWorld();
    world.queues.national.failSendsWith(new Error('SQS unreachable'));
    const { dossier } = await acceptDossier(world);
    world.queues.national.failSendsWith(undefined);

    const tooEarly = await sweepOutbox(world, sweep);
    world.clock.advance(11 * 60);
    const swept = await sweepOutbox(world, sweep);

    expect([tooEarly, swept]).toEqual([0, 1]);
    expect(world.queues.national.sent).toEqual([
      expect.objectContaining({ dossierCode: dossier.dossierCode, sequence: 1, recovered: true }),
    ]);
  });

  it('leaves delivered messages alone and sends a dossier’s pending ones in sequence order', async () => {
    const world = aGatewayWorld();
    const { dossier: delivered } = await acceptDossier(world);
    await relayQueue(world, 'national');
    world.queues.national.failSendsWith(new Error('SQS unreachable'));
    const { dossier } = await acceptDossier(world);
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'processing', 10));
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e2', 'processing', 20));
    world.queues.national.failSendsWith(undefined);
    world.clock.advance(11 * 60);

    await sweepOutbox(world, sweep);

    const resent = world.queues.national.sent.slice(1);
    expect(resent.map((envelope) => `${envelope.dossierCode}#${envelope.sequence}`)).toEqual([
      `${dossier.dossierCode}#1`,
      `${dossier.dossierCode}#2`,
      `${dossier.dossierCode}#3`,
    ]);
    expect(resent.some((envelope) => envelope.dossierCode === delivered.dossierCode)).toBe(false);
  });

  it('re-enqueues a copy the relay recognises as a duplicate when the first copy was delivered meanwhile', async () => {
    const world = aGatewayWorld();
    await acceptDossier(world);
    world.clock.advance(11 * 60);

    const swept = await sweepOutbox(world, sweep);
    const outcomes = await relayQueue(world, 'national');

    expect(swept).toBe(1);
    expect(outcomes).toEqual(['#1 delivered', '#1 duplicate']);
    expect(world.portal.calls.filter((call) => call.kind === 'sync')).toHaveLength(1);
  });
});
