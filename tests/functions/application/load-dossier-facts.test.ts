import { describe, expect, it } from 'vitest';
import { acceptNationalDossier } from '../../../functions/application/accept-national-push';
import { loadDossierFacts, loadNationalRecord } from '../../../functions/application/load-dossier-facts';
import type { MessageSummary } from '../../../functions/core/dossier-message';
import { aStatusChange } from '../../support/national-fixtures';
import {
  acceptDossier,
  acceptStatusChange,
  aGatewayWorld,
  aNationalPush,
  type GatewayWorld,
  H12,
  H12_NAME,
} from '../../support/use-case-fixtures';

/** What payments and the national record are built from: a dossier's accepted messages. */

const recordAt = async (world: GatewayWorld, message: MessageSummary) => {
  const stored = await world.store.getMessage('national', message.dossierCode, message.sequence);
  if (!stored) throw new Error('not stored');
  return loadNationalRecord(world, stored);
};

describe('the dossier facts', () => {
  it('are undefined for a dossier the gateway has never seen', async () => {
    expect(await loadDossierFacts(aGatewayWorld().store, `${H12}-250314-9999`)).toBeUndefined();
  });

  it('take the fees and procedure of the latest version and the status of the latest message', async () => {
    const world = aGatewayWorld();
    const { dossier } = await acceptDossier(world);
    await acceptDossier(world, {
      ...dossier,
      version: 2,
      fees: [{ code: 'LP02', name: 'Lệ phí trích lục', amount: 10_000 }],
    });
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'processing', 10));

    const facts = await loadDossierFacts(world.store, dossier.dossierCode);

    expect(facts).toEqual({
      dossierCode: dossier.dossierCode,
      agencyCode: H12,
      status: 'processing',
      procedureCode: dossier.procedureCode,
      procedureName: dossier.procedureName,
      fees: [{ code: 'LP02', name: 'Lệ phí trích lục', amount: 10_000 }],
    });
  });

  it('read a dossier submitted on the portal from its province channel', async () => {
    const world = aGatewayWorld();
    const push = aNationalPush();
    await acceptNationalDossier(world, push, 'trace');

    const facts = await loadDossierFacts(world.store, push.MaHoSo);

    expect(facts).toMatchObject({ dossierCode: push.MaHoSo, agencyCode: H12, status: 'received' });
  });
});

describe('the national record at a message', () => {
  it('is the version with the changes up to that message, and never a later one', async () => {
    const world = aGatewayWorld();
    const { message: version } = await acceptDossier(world);
    const change = await acceptStatusChange(world, version.dossierCode, {
      ...aStatusChange('e1', 'processing', 10),
      dueAt: '2025-03-21T17:00:00+07:00',
    });
    await acceptStatusChange(world, version.dossierCode, aStatusChange('e2', 'resolved', 60));

    const atVersion = await recordAt(world, version);
    const atChange = await recordAt(world, change);

    expect(atVersion?.dossier).toMatchObject({ status: 'received', dueAt: '2025-03-17T17:00:00+07:00' });
    expect(atChange?.dossier).toMatchObject({ status: 'processing', dueAt: '2025-03-21T17:00:00+07:00' });
  });

  it('names the unit from the configured names when the dossier does not', async () => {
    const world = aGatewayWorld();
    const { message } = await acceptDossier(world);

    const record = await recordAt(world, message);

    expect(record?.context).toMatchObject({ agencyName: H12_NAME, paidThroughGateway: false });
  });
});
