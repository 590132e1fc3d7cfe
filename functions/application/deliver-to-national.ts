import { nationalStatusCode } from '../../contracts/dossier-status';
import { messagePayloadSchemas } from '../../contracts/message-payloads';
import type { StatusChange } from '../../contracts/provincial-api';
import { canonicalJson } from '../core/canonical-json';
import type { StoredMessage } from '../core/dossier-message';
import { toNationalDossier } from '../core/translate-dossier';
import { toPaymentProgressRow } from '../core/translate-payment';
import { toNationalProgressRow } from '../core/translate-status-change';
import type { NationalPortal } from '../ports/national-portal';
import type { Deliverer } from './relay-message';

/** Dossiers go as DongBoHoSoMC (first sync, then updates); status changes as progress rows. */
export function createNationalDeliverer(
  portal: NationalPortal,
  onDelivered: (message: StoredMessage, change: StatusChange) => Promise<void> = async () => undefined,
): Deliverer {
  return {
    async deliver(message, progress) {
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
        await onDelivered(message, change);
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
      throw new Error(`a ${message.kind} message cannot go to the national portal`);
    },

    /**
     * TraCuuHoSo tells what the portal holds. A dossier counts as delivered when the portal's
     * record is exactly what this message would send; a status change when the portal shows
     * its status and that status differs from the one before it (a repeated status, 4 -> 4,
     * cannot be told apart, so it is sent again).
     */
    async alreadyDelivered(message, progress) {
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
    },
  };
}
