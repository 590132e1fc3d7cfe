import { nationalStatusCode } from '../../contracts/dossier-status';
import { messagePayloadSchemas } from '../../contracts/message-payloads';
import { canonicalJson } from '../core/canonical-json';
import type { DeliveryProgress, StoredMessage } from '../core/dossier-message';
import { toNationalDossier } from '../core/translate-dossier';
import { toPaymentProgressRow } from '../core/translate-payment';
import { toNationalProgressRow } from '../core/translate-status-change';
import type { NationalPortal } from '../ports/national-portal';
import type { Deliverer, DeliveryReceipt } from './relay-message';
import type { TrackDelivery } from './track-national-delivery';

const noTracking: TrackDelivery = async () => ({});

/**
 * Dossiers go as DongBoHoSoMC (first sync, then updates); status changes as progress rows. Once
 * the portal has one, `track` says what the dossier's progress remembers for deadlines and
 * indicators.
 */
export function createNationalDeliverer(
  portal: NationalPortal,
  track: TrackDelivery = noTracking,
): Deliverer {
  const tracked = async (message: StoredMessage, progress: DeliveryProgress, receipt: DeliveryReceipt) => ({
    ...receipt,
    progress: { ...receipt.progress, ...(await track(message, progress)) },
  });
  return {
    async deliver(message, progress) {
      return tracked(message, progress, await send(message, progress));
    },
    async alreadyDelivered(message, progress) {
      const receipt = await lookUp(message, progress);
      return receipt && tracked(message, progress, receipt);
    },
  };

  async function send(message: StoredMessage, progress: DeliveryProgress): Promise<DeliveryReceipt> {
    if (message.kind === 'dossier.sync') {
      const dossier = messagePayloadSchemas['dossier.sync'].parse(message.payload);
      const acknowledgement = await portal.syncDossier(
        message.agencyCode,
        toNationalDossier(dossier),
        progress.nationalSynced,
      );
      return {
        detail: `DongBoHoSoMC error_code ${acknowledgement.errorCode}${acknowledgement.switchedToUpdate ? ' (switched to update)' : ''}`,
        progress: { nationalSynced: true, nationalStatus: dossier.status },
      };
    }
    if (message.kind === 'dossier.status') {
      const change = messagePayloadSchemas['dossier.status'].parse(message.payload);
      const acknowledgement = await portal.updateProgress(message.agencyCode, [
        toNationalProgressRow(message.dossierCode, change),
      ]);
      return {
        detail: `CapNhatTienDoHoSoMC error_code ${acknowledgement.errorCode}`,
        progress: { nationalStatus: change.status },
      };
    }
    if (message.kind === 'payment.progress') {
      // The portal's status does not move with a payment: the row repeats the one it has.
      const event = messagePayloadSchemas['payment.progress'].parse(message.payload);
      const acknowledgement = await portal.updateProgress(message.agencyCode, [
        toPaymentProgressRow(event, progress.nationalStatus ?? message.status),
      ]);
      return {
        detail: `CapNhatTienDoHoSoMC (payment ${event.state}) error_code ${acknowledgement.errorCode}`,
        progress: {},
      };
    }
    if (message.kind === 'dossier.resync') return resync(portal, message);
    throw new Error(`a ${message.kind} message cannot go to the national portal`);
  }

  /**
   * TraCuuHoSo tells what the portal holds. A dossier counts as delivered when the portal's
   * record is exactly what this message would send; a status change when the portal shows
   * its status and that status differs from the one before it (a repeated status, 4 -> 4,
   * cannot be told apart, so it is sent again).
   */
  async function lookUp(
    message: StoredMessage,
    progress: DeliveryProgress,
  ): Promise<DeliveryReceipt | undefined> {
    const found = await portal.lookupDossier(message.agencyCode, message.dossierCode);
    if (!found) return undefined;
    const detail = 'found at the national portal after a restart (TraCuuHoSo); not sent again';
    if (message.kind === 'dossier.sync') {
      const dossier = messagePayloadSchemas['dossier.sync'].parse(message.payload);
      if (canonicalJson(found) !== canonicalJson(toNationalDossier(dossier))) return undefined;
      return { detail, progress: { nationalSynced: true, nationalStatus: dossier.status } };
    }
    if (message.kind === 'dossier.status') {
      const change = messagePayloadSchemas['dossier.status'].parse(message.payload);
      const shown = found.TrangThaiHoSo === String(nationalStatusCode(change.status));
      if (!shown || progress.nationalStatus === change.status) return undefined;
      return { detail, progress: { nationalSynced: true, nationalStatus: change.status } };
    }
    return undefined;
  }
}

/**
 * A drift re-sync (functions/application/resync-dossier.ts): look first, so the portal gets a
 * create when it lost the record, an update when it holds another one, and nothing when it
 * already holds exactly this one (a copy recovered after a crash, or drift already mended).
 */
async function resync(portal: NationalPortal, message: StoredMessage): Promise<DeliveryReceipt> {
  const dossier = messagePayloadSchemas['dossier.resync'].parse(message.payload);
  const record = toNationalDossier(dossier);
  const held = await portal.lookupDossier(message.agencyCode, message.dossierCode);
  const progress = { nationalSynced: true, nationalStatus: dossier.status };
  if (held && canonicalJson(held) === canonicalJson(record)) {
    return { detail: 're-sync: the national portal already holds this record (TraCuuHoSo)', progress };
  }
  const acknowledgement = await portal.syncDossier(message.agencyCode, record, held !== undefined);
  return { detail: `DongBoHoSoMC (re-sync) error_code ${acknowledgement.errorCode}`, progress };
}
