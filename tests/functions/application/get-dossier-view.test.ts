import { describe, expect, it } from 'vitest';
import { acceptNationalDossier } from '../../../functions/application/accept-national-push';
import { getDossierView } from '../../../functions/application/get-dossier-view';
import { aStatusChange } from '../../support/national-fixtures';
import {
  acceptDossier,
  acceptStatusChange,
  aGatewayWorld,
  aNationalPush,
  aParkedDossier,
  type GatewayWorld,
  H12_NAME,
  relayQueue,
} from '../../support/use-case-fixtures';

/** GET /v1/dossiers/{code}: what a province (or a vendor) reads about one dossier. */

const viewOf = (world: GatewayWorld, dossierCode: string) =>
  getDossierView(world.store, dossierCode, world.agencyNames);

describe('the dossier view', () => {
  it('answers not found for a dossier the gateway has never seen', async () => {
    const world = aGatewayWorld();

    await expect(viewOf(world, '000.00.12.H12-250314-9999')).rejects.toMatchObject({
      code: 'dossier.notFound',
    });
  });

  it('shows an accepted dossier as pending, with the unit name the portal will get', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);

    const view = await viewOf(world, dossier.dossierCode);

    expect(view).toMatchObject({
      agencyName: H12_NAME,
      status: 'received',
      nationalStatus: null,
      sync: { state: 'pending' },
      flags: [],
    });
    expect(view.timeline.map((entry) => entry.outcome)).toEqual(['accepted']);
  });

  it('shows a delivered dossier as synced, with the delivery in its timeline and the status the portal has', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'processing', 10));
    world.clock.advance(30);
    await relayQueue(world, 'national');

    const view = await viewOf(world, dossier.dossierCode);

    expect(view).toMatchObject({
      status: 'processing',
      nationalStatus: 'processing',
      sync: { state: 'synced', lastSyncedAt: '2025-03-14T02:00:30.000Z' },
    });
    expect(view.timeline.map((entry) => `${entry.kind} ${entry.outcome}`)).toEqual([
      'dossier.sync accepted',
      'dossier.status accepted',
      'dossier.sync delivered',
      'dossier.status delivered',
    ]);
  });

  it('says failing, with the last error, while a transient failure is being retried', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);
    world.portal.failNext(999);
    await relayQueue(world, 'national');

    const view = await viewOf(world, dossier.dossierCode);

    expect(view.sync).toEqual({ state: 'failing', lastError: expect.stringMatching(/error 999/) });
  });

  it('says parked when a message waits for an administrator', async () => {
    const world = aGatewayWorld();
    const { dossier } = await aParkedDossier(world);

    const view = await viewOf(world, dossier.dossierCode);

    expect(view.sync).toMatchObject({ state: 'parked', lastError: expect.stringMatching(/rejected/) });
  });

  it('flags a unit nobody can name: the portal would get the agency code instead', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world, { agencyCode: '000.00.13.H12' });

    const view = await viewOf(world, dossier.dossierCode);

    expect(view.agencyName).toBeUndefined();
    expect(view.flags).toEqual([expect.objectContaining({ code: 'agency.nameUnknown' })]);
  });

  it('reads a dossier submitted on the portal from what goes to the province', async () => {
    const world = aGatewayWorld();
    const push = aNationalPush();
    await acceptNationalDossier(world, push, 'trace');
    await relayQueue(world, 'province');

    const view = await viewOf(world, push.MaHoSo);

    expect(view).toMatchObject({ status: 'received', sync: { state: 'synced' } });
    expect(view.timeline.map((entry) => entry.direction)).toEqual(['to_province', 'to_province']);
  });
});
