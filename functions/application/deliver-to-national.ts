import { nationalStatusCode } from '../../contracts/dossier-status';
import { messagePayloadSchemas } from '../../contracts/message-payloads';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';
import type { PaymentEventData } from '../../contracts/webhooks';
import { canonicalJson } from '../core/canonical-json';
import type { DeliveryProgress, StoredMessage } from '../core/dossier-message';
import { toNationalDossier } from '../core/translate-dossier';
import { toPaymentProgressRow } from '../core/translate-payment';
import { toNationalProgressRow } from '../core/translate-status-change';
import type { NationalPortal } from '../ports/national-portal';
import type { Deliverer, DeliveryReceipt } from './relay-message';
import type { TrackDelivery } from './track-national-delivery';

const noTracking: TrackDelivery = async () => ({});

/** A national-bound message's payload, read once per delivery and shared by sending, looking up and tracking. */
type NationalPayload =
  | { readonly kind: 'dossier'; readonly dossier: DossierSubmission }
  | { readonly kind: 'status'; readonly change: StatusChange }
  | { readonly kind: 'payment'; readonly event: PaymentEventData }
  | { readonly kind: 'resync'; readonly dossier: DossierSubmission };

function readPayload(message: StoredMessage): NationalPayload {
  switch (message.kind) {
    case 'dossier.sync':
      return { kind: 'dossier', dossier: messagePayloadSchemas['dossier.sync'].parse(message.payload) };
    case 'dossier.status':
      return { kind: 'status', change: messagePayloadSchemas['dossier.status'].parse(message.payload) };
    case 'payment.progress':
      return { kind: 'payment', event: messagePayloadSchemas['payment.progress'].parse(message.payload) };
    case 'dossier.resync':
      return { kind: 'resync', dossier: messagePayloadSchemas['dossier.resync'].parse(message.payload) };
    default:
      throw new Error(`a ${message.kind} message cannot go to the national portal`);
  }
}

/**
 * Dossiers go as DongBoHoSoMC (first sync, then updates); status changes as progress rows. Once
 * the portal has one, `track` says what the dossier's progress remembers for deadlines and
 * indicators.
 */
export function createNationalDeliverer(
  portal: NationalPortal,
  track: TrackDelivery = noTracking,
): Deliverer {
  const tracked = async (
    message: StoredMessage,
    progress: DeliveryProgress,
    payload: NationalPayload,
    receipt: DeliveryReceipt,
  ): Promise<DeliveryReceipt> =>
    payload.kind === 'dossier' || payload.kind === 'status'
      ? { ...receipt, progress: { ...receipt.progress, ...(await track(message, progress, payload)) } }
      : receipt;
  return {
    async deliver(message, progress) {
      const payload = readPayload(message);
      return tracked(message, progress, payload, await send(message, progress, payload));
    },
    async alreadyDelivered(message, progress) {
      const payload = readPayload(message);
      const receipt = await lookUp(message, progress, payload);
      return receipt && tracked(message, progress, payload, receipt);
    },
  };

  async function send(
    message: StoredMessage,
    progress: DeliveryProgress,
    payload: NationalPayload,
  ): Promise<DeliveryReceipt> {
    switch (payload.kind) {
      case 'dossier': {
        const acknowledgement = await portal.syncDossier(
          message.agencyCode,
          toNationalDossier(payload.dossier),
          progress.nationalSynced,
        );
        return {
          detail: `DongBoHoSoMC error_code ${acknowledgement.errorCode}${acknowledgement.switchedToUpdate ? ' (switched to update)' : ''}`,
          progress: { nationalSynced: true, nationalStatus: payload.dossier.status },
        };
      }
      case 'status': {
        const acknowledgement = await portal.updateProgress(message.agencyCode, [
          toNationalProgressRow(message.dossierCode, payload.change),
        ]);
        return {
          detail: `CapNhatTienDoHoSoMC error_code ${acknowledgement.errorCode}`,
          progress: { nationalStatus: payload.change.status },
        };
      }
      case 'payment': {
        // The portal's status does not move with a payment: the row repeats the one it has.
        const acknowledgement = await portal.updateProgress(message.agencyCode, [
          toPaymentProgressRow(payload.event, progress.nationalStatus ?? message.status),
        ]);
        return {
          detail: `CapNhatTienDoHoSoMC (payment ${payload.event.state}) error_code ${acknowledgement.errorCode}`,
          progress: {},
        };
      }
      case 'resync':
        return resync(portal, message, payload.dossier);
    }
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
    payload: NationalPayload,
  ): Promise<DeliveryReceipt | undefined> {
    if (payload.kind !== 'dossier' && payload.kind !== 'status') return undefined;
    const found = await portal.lookupDossier(message.agencyCode, message.dossierCode);
    if (!found) return undefined;
    const detail = 'found at the national portal after a restart (TraCuuHoSo); not sent again';
    if (payload.kind === 'dossier') {
      if (canonicalJson(found) !== canonicalJson(toNationalDossier(payload.dossier))) return undefined;
      return { detail, progress: { nationalSynced: true, nationalStatus: payload.dossier.status } };
    }
    const shown = found.TrangThaiHoSo === String(nationalStatusCode(payload.change.status));
    if (!shown || progress.nationalStatus === payload.change.status) return undefined;
    return { detail, progress: { nationalSynced: true, nationalStatus: payload.change.status } };
  }
}

/**
 * A drift re-sync (functions/application/resync-dossier.ts): look first, so the portal gets a
 * create when it lost the record, an update when it holds another one, and nothing when it
 * already holds exactly this one (a copy recovered after a crash, or drift already mended).
 */
async function resync(
  portal: NationalPortal,
  message: StoredMessage,
  dossier: DossierSubmission,
): Promise<DeliveryReceipt> {
  const record = toNationalDossier(dossier);
  const held = await portal.lookupDossier(message.agencyCode, message.dossierCode);
  const progress = { nationalSynced: true, nationalStatus: dossier.status };
  if (held && canonicalJson(held) === canonicalJson(record)) {
    return { detail: 're-sync: the national portal already holds this record (TraCuuHoSo)', progress };
  }
  const acknowledgement = await portal.syncDossier(message.agencyCode, record, held !== undefined);
  return { detail: `DongBoHoSoMC (re-sync) error_code ${acknowledgement.errorCode}`, progress };
}
