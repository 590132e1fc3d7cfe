import { describe, expect, it } from 'vitest';
import { acceptMessage } from '../../../functions/application/accept-message';
import { isGatewayError } from '../../../functions/core/gateway-error';
import { aStatusChange } from '../../support/national-fixtures';
import {
  acceptDossier,
  acceptStatusChange,
  aGatewayWorld,
  type GatewayWorld,
  H12,
} from '../../support/use-case-fixtures';

/** The accept step of every inbound message: decide, store at the next sequence, enqueue. */

const codeOf = (error: unknown) => (isGatewayError(error) ? error.code : String(error));

const otherAgencyChange = (world: GatewayWorld, dossierCode: string) =>
  acceptMessage(world, {
    channel: 'national',
    kind: 'dossier.status',
    dossierCode,
    agencyCode: '000.00.31.H13',
    naturalKey: 'event:moved',
    status: 'processing',
    payload: aStatusChange('moved', 'processing', 5),
    traceId: 'trace',
    requiresExistingDossier: true,
    enforceTransitions: true,
  });

describe('accepting a message', () => {
  it('stores a new dossier at sequence 1 and queues it in the dossier’s FIFO group', async () => {
    const world = aGatewayWorld();

    const { dossier, message } = await acceptDossier(world);

    expect(message).toMatchObject({ sequence: 1, state: 'accepted', acceptedAt: '2025-03-14T02:00:00.000Z' });
    expect(await world.store.getMessage('national', dossier.dossierCode, 1)).toMatchObject({
      payload: dossier,
    });
    expect(world.queues.national.sent).toEqual([
      expect.objectContaining({ dossierCode: dossier.dossierCode, sequence: 1, type: 'dossier.sync' }),
    ]);
  });

  it('answers a repeat with the message it accepted first, storing nothing new', async () => {
    const world = aGatewayWorld();
    const { dossier, message } = await acceptDossier(world);

    const again = await acceptDossier(world, dossier);

    expect(again.message.messageId).toBe(message.messageId);
    expect(await world.store.listMessages('national', dossier.dossierCode)).toHaveLength(1);
  });

  it('refuses the same key with other content as an idempotency conflict', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);

    const conflicting = acceptDossier(world, { ...dossier, summary: 'Nội dung khác' });

    await expect(conflicting.catch(codeOf)).resolves.toBe('idempotency.conflict');
  });

  it('refuses a status change for a dossier it has never seen', async () => {
    const world = aGatewayWorld();

    const orphan = acceptStatusChange(world, `${H12}-250314-9999`, aStatusChange('e1', 'processing', 5));

    await expect(orphan.catch(codeOf)).resolves.toBe('dossier.notFound');
    expect(world.queues.national.sent).toEqual([]);
  });

  it('gives concurrent writers of one dossier distinct sequences: the loser of a race tries the next', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);

    const accepted = await Promise.all(
      ['e1', 'e2', 'e3'].map((eventId, minutes) =>
        acceptStatusChange(world, dossier.dossierCode, aStatusChange(eventId, 'processing', minutes + 1)),
      ),
    );

    expect(accepted.map((message) => message.sequence).sort()).toEqual([2, 3, 4]);
  });

  it('keeps the agency a dossier was first accepted under when a later message names another', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);

    const { message } = await otherAgencyChange(world, dossier.dossierCode);

    expect(message.agencyCode).toBe(H12);
  });

  it('still accepts when the queue is down: stored is accepted, and the sweeper is told in the log', async () => {
    const world = aGatewayWorld();
    world.queues.national.failSendsWith(new Error('SQS unreachable'));

    const { dossier } = await acceptDossier(world);

    expect(await world.store.listPending('2025-03-14T03:00:00.000Z', 10)).toEqual([
      expect.objectContaining({ dossierCode: dossier.dossierCode, sequence: 1 }),
    ]);
    expect(world.logger.at('warn')).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ error: 'SQS unreachable' }) }),
    ]);
  });
});
