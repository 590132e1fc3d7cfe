import { describe, expect, it } from 'vitest';
import { acceptNationalDossier } from '../../../functions/application/accept-national-push';
import { aStoredMessage } from '../../support/fixtures';
import { aGatewayWorld, aNationalPush, relayQueue } from '../../support/use-case-fixtures';

/** Province-bound messages as Standard Webhooks events, to the system owning the dossier's agency. */

const noFirstStep = { uncertain: false, recordFirstStep: async () => undefined };

describe('delivering to the provincial system', () => {
  it('sends the message as an event whose id is the stable message id, to the agency’s owner', async () => {
    const world = aGatewayWorld();
    const push = aNationalPush();
    const { message } = await acceptNationalDossier(world, push, 'trace');

    await relayQueue(world, 'province');

    expect(world.webhooks.delivered).toEqual([
      {
        clientId: 'hanoi-one-stop',
        event: expect.objectContaining({
          id: message.messageId,
          type: 'dossier.submitted',
          createdAt: message.acceptedAt,
          data: expect.objectContaining({ dossierCode: push.MaHoSo }),
        }),
      },
    ]);
  });

  it('parks an event the endpoint refuses', async () => {
    const world = aGatewayWorld();
    const { message } = await acceptNationalDossier(world, aNationalPush(), 'trace');
    world.webhooks.failNext('rejected');

    const outcomes = await relayQueue(world, 'province');

    expect(outcomes).toEqual(['#1 parked']);
    expect(await world.store.getFailedMessage(message.messageId)).toMatchObject({
      queue: 'to-province.fifo',
      lastError: expect.stringMatching(/HTTP 400/),
    });
  });

  it('rejects a message of an agency no system owns, so it is parked rather than retried forever', async () => {
    const world = aGatewayWorld();
    const orphan = aStoredMessage('000.00.31.H13-250314-0001', 1, {
      channel: 'province',
      kind: 'dossier.submitted',
      agencyCode: '000.00.31.H13',
    });

    const delivery = world.deliverers.province.deliver(
      orphan,
      { deliveredSequence: 0, nationalSynced: false },
      noFirstStep,
    );

    await expect(delivery).rejects.toMatchObject({ code: 'province.rejected' });
    expect(world.webhooks.delivered).toEqual([]);
  });
});
