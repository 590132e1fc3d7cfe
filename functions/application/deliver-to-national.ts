import { messagePayloadSchemas } from '../../contracts/message-payloads';
import { toNationalDossier } from '../core/translate-dossier';
import { toPaymentProgressRow } from '../core/translate-payment';
import { toNationalProgressRow } from '../core/translate-status-change';
import type { NationalPortal } from '../ports/national-portal';
import type { Deliverer } from './relay-message';

/** Dossiers go as DongBoHoSoMC (first sync, then updates); status changes as progress rows. */
export function createNationalDeliverer(portal: NationalPortal): Deliverer {
  return async (message, progress) => {
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
    throw new Error(`a ${message.kind} message cannot go to the national portal`);
  };
}
