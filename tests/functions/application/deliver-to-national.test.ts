import { describe, expect, it } from 'vitest';
import type { NationalDossier } from '../../../contracts/national-portal';
import { createNationalDeliverer } from '../../../functions/application/deliver-to-national';
import type { StoredMessage } from '../../../functions/core/dossier-message';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import type { NationalPortal } from '../../../functions/ports/national-portal';
import { aDossier } from '../../support/fixtures';

const progress = { deliveredSequence: 3, nationalSynced: true, nationalStatus: 'processing' as const };

function aResync(): StoredMessage {
  const dossier = aDossier({ status: 'processing' });
  return {
    channel: 'national',
    dossierCode: dossier.dossierCode,
    agencyCode: dossier.agencyCode,
    sequence: 4,
    messageId: 'm4',
    kind: 'dossier.resync',
    idempotencyKey: 'resync:f#1',
    naturalKey: 'resync:f#1',
    requestHash: 'h',
    status: 'processing',
    acceptedAt: '2025-03-15T04:00:00.000Z',
    state: 'accepted',
    traceId: 't',
    payload: dossier,
  };
}

/** A portal holding `held`, recording each DongBoHoSoMC as `create` or `update`. */
function aPortal(held: NationalDossier | undefined) {
  const syncs: string[] = [];
  const portal: NationalPortal = {
    lookupDossier: async () => held,
    syncDossier: async (_agency, _dossier, isUpdating) => {
      syncs.push(isUpdating ? 'update' : 'create');
      return { errorCode: '0', message: '', switchedToUpdate: false };
    },
    updateProgress: async () => ({ errorCode: '0', message: '', switchedToUpdate: false }),
    ping: async () => undefined,
  };
  return { portal, syncs };
}

describe('national deliverer: dossier.resync', () => {
  it('updates a record the portal holds with another status', async () => {
    const message = aResync();
    const stale = { ...toNationalDossier(message.payload as never), TrangThaiHoSo: '2' as const };
    const { portal, syncs } = aPortal(stale);
    const receipt = await createNationalDeliverer(portal).deliver(message, progress);
    expect(syncs).toEqual(['update']);
    expect(receipt.progress).toEqual({ nationalSynced: true, nationalStatus: 'processing' });
  });

  it('creates the record again when the portal lost it', async () => {
    const { portal, syncs } = aPortal(undefined);
    await createNationalDeliverer(portal).deliver(aResync(), progress);
    expect(syncs).toEqual(['create']);
  });

  it('sends nothing when the portal already holds exactly this record', async () => {
    const message = aResync();
    const { portal, syncs } = aPortal(toNationalDossier(message.payload as never));
    const receipt = await createNationalDeliverer(portal).deliver(message, progress);
    expect(syncs).toEqual([]);
    expect(receipt.detail).toMatch(/already holds/);
  });
});
