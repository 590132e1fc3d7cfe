import type { FeedbackReplyMessage } from '../../contracts/feedback';
import { messagePayloadSchemas } from '../../contracts/message-payloads';
import type { InboundNationalDossier, NationalDossier } from '../../contracts/national-portal';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';
import type { PaymentEventData } from '../../contracts/webhooks';
import type { DeliveryProgress, StoredMessage } from '../core/dossier-message';
import { sameNationalRecord } from '../core/same-national-record';
import { toNationalDossier } from '../core/translate-dossier';
import { toPaymentProgressRow } from '../core/translate-payment';
import { toNationalProgressRow } from '../core/translate-status-change';
import type { AgencyNames } from '../ports/agency-names';
import type { DossierStore } from '../ports/dossier-store';
import type { Logger } from '../ports/logger';
import type { NationalFeedback } from '../ports/national-feedback';
import type { NationalPortal } from '../ports/national-portal';
import { loadNationalRecord } from './load-dossier-facts';
import type { Deliverer, DeliveryContext, DeliveryReceipt } from './relay-message';
import type { NationalCodes } from './resolve-national-codes';
import type { TrackDelivery } from './track-national-delivery';

const noTracking: TrackDelivery = () => async () => ({});

export interface NationalDelivererDependencies {
  readonly portal: NationalPortal;
  /** The dossier's history: a national record is the whole current dossier (DOMAIN.md). */
  readonly store: DossierStore;
  readonly agencyNames: AgencyNames;
  /** The mappings from the province's codes to the national ones (issue 21). */
  readonly nationalCodes?: NationalCodes;
  readonly logger: Logger;
  /** The feedback wire (issue 23): answers and steps of citizens' feedback. */
  readonly feedback?: NationalFeedback;
}

/** A national-bound message's payload, read once per delivery and shared by sending, looking up and tracking. */
type NationalPayload =
  | { readonly kind: 'dossier'; readonly dossier: DossierSubmission }
  | { readonly kind: 'status'; readonly change: StatusChange }
  | { readonly kind: 'payment'; readonly event: PaymentEventData }
  | { readonly kind: 'resync'; readonly dossier: DossierSubmission }
  | { readonly kind: 'feedback'; readonly reply: FeedbackReplyMessage };

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
    case 'feedback.reply':
      return { kind: 'feedback', reply: messagePayloadSchemas['feedback.reply'].parse(message.payload) };
    default:
      throw new Error(`a ${message.kind} message cannot go to the national portal`);
  }
}

const FOUND = 'found at the national portal (TraCuuHoSo); not sent again';

/**
 * National-bound messages as real provincial clients send them (DOMAIN.md, [OCPS]
 * syncDossierAndDossierStatus, [TH] SyncLocalDataToDVCQGService.PushData):
 * - a dossier version: DongBoHoSoMC with the whole current dossier, "False" the first time;
 * - a status change: the pair, DongBoHoSoMC (update, the whole current dossier with its new
 *   status, NgayHenTra, NgayTra, NgayKetThucXuLy) and then one CapNhatTienDoHoSoMC row, each
 *   once and in order: once the update is taken the relay records it (docs/adr/0013), so a
 *   retry sends only the row;
 * - a payment outcome: one progress row; a drift re-sync: the record, unless the portal holds it.
 * On an uncertain delivery (after a crash or a failed attempt) TraCuuHoSo is asked first, and a
 * record the portal already holds is not sent again. Once the portal has a dossier or a status
 * change, `track` says what the dossier's progress remembers for deadlines and indicators.
 */
export function createNationalDeliverer(
  deps: NationalDelivererDependencies,
  track: TrackDelivery = noTracking,
): Deliverer {
  const { portal } = deps;

  /** The whole current dossier at this message; undefined when no version of it is stored. */
  async function currentRecord(message: StoredMessage): Promise<NationalDossier | undefined> {
    const facts = await loadNationalRecord(deps, message);
    return facts && toNationalDossier(facts.dossier, facts.context);
  }

  /** The record a message carrying a whole dossier sends: built from its history, else from itself. */
  const recordOf = async (message: StoredMessage, dossier: DossierSubmission) =>
    (await currentRecord(message)) ?? toNationalDossier(dossier);

  /** What the portal holds when the delivery is uncertain; undefined otherwise or when it holds nothing. */
  const lookUpIf = async (
    uncertain: boolean,
    message: StoredMessage,
  ): Promise<InboundNationalDossier | undefined> =>
    uncertain ? portal.lookupDossier(message.agencyCode, message.dossierCode) : undefined;

  async function sendDossier(
    message: StoredMessage,
    progress: DeliveryProgress,
    context: DeliveryContext,
    dossier: DossierSubmission,
  ): Promise<DeliveryReceipt> {
    const record = await recordOf(message, dossier);
    const synced = { nationalSynced: true, nationalStatus: dossier.status } as const;
    const held = await lookUpIf(context.uncertain, message);
    if (held && sameNationalRecord(held, record)) return { detail: FOUND, progress: synced };
    const isUpdating = context.uncertain ? held !== undefined : progress.nationalSynced;
    const acknowledgement = await portal.syncDossier(message.agencyCode, record, isUpdating);
    return {
      detail: `DongBoHoSoMC isUpdating ${isUpdating ? 'True' : 'False'} error_code ${acknowledgement.errorCode}${acknowledgement.switchedToUpdate ? ' (switched to update)' : ''}`,
      progress: synced,
    };
  }

  async function sendStatus(
    message: StoredMessage,
    progress: DeliveryProgress,
    context: DeliveryContext,
    change: StatusChange,
  ): Promise<DeliveryReceipt> {
    const row = toNationalProgressRow(message.dossierCode, change);
    const moved = { nationalSynced: true, nationalStatus: change.status } as const;
    const record = await currentRecord(message);
    if (!record) {
      // No version left to build the record from (retention): the row is all there is to send.
      deps.logger.warn('status change sent as a progress row alone: no dossier version is stored', {
        dossierCode: message.dossierCode,
        sequence: message.sequence,
      });
      const alone = await portal.updateProgress(message.agencyCode, [row]);
      return {
        detail: `CapNhatTienDoHoSoMC error_code ${alone.errorCode} (no dossier version stored)`,
        progress: moved,
      };
    }
    let updateDetail = 'DongBoHoSoMC (update) taken before';
    if (progress.firstStepSequence !== message.sequence) {
      const held = await lookUpIf(context.uncertain, message);
      if (held && sameNationalRecord(held, record)) {
        updateDetail = `DongBoHoSoMC (update) ${FOUND}`;
      } else {
        const isUpdating = context.uncertain ? held !== undefined : progress.nationalSynced;
        const update = await portal.syncDossier(message.agencyCode, record, isUpdating);
        updateDetail = `DongBoHoSoMC (update) error_code ${update.errorCode}`;
      }
      await context.recordFirstStep();
    }
    const acknowledgement = await portal.updateProgress(message.agencyCode, [row]);
    return {
      detail: `${updateDetail}, then CapNhatTienDoHoSoMC error_code ${acknowledgement.errorCode}`,
      progress: moved,
    };
  }

  async function send(
    message: StoredMessage,
    progress: DeliveryProgress,
    context: DeliveryContext,
    payload: NationalPayload,
  ): Promise<DeliveryReceipt> {
    switch (payload.kind) {
      case 'dossier':
        return sendDossier(message, progress, context, payload.dossier);
      case 'status':
        return sendStatus(message, progress, context, payload.change);
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
        return resync(message, payload.dossier);
      case 'feedback':
        return sendFeedbackReply(payload.reply);
    }
  }

  /**
   * A step of a feedback item's handling: one reply row. No look-up exists on this wire, so an
   * uncertain delivery sends again: a duplicate is the lesser harm than a loss (docs/adr/0017).
   */
  async function sendFeedbackReply(reply: FeedbackReplyMessage): Promise<DeliveryReceipt> {
    if (!deps.feedback) throw new Error('no national feedback wire is configured');
    const acknowledgement = await deps.feedback.sendReply(reply);
    return {
      detail: `DongBoKetQuaHoiDapGuiTuDVCQG (${reply.state}) error_code ${acknowledgement.errorCode}`,
      progress: {},
    };
  }

  /**
   * A drift re-sync (functions/application/resync-dossier.ts): look first, so the portal gets a
   * create when it lost the record, an update when it holds another one, and nothing when it
   * already holds exactly this one (a copy recovered after a crash, or drift already mended).
   */
  async function resync(message: StoredMessage, dossier: DossierSubmission): Promise<DeliveryReceipt> {
    const record = await recordOf(message, dossier);
    const held = await portal.lookupDossier(message.agencyCode, message.dossierCode);
    const progress = { nationalSynced: true, nationalStatus: dossier.status };
    if (held && sameNationalRecord(held, record)) {
      return { detail: 're-sync: the national portal already holds this record (TraCuuHoSo)', progress };
    }
    const acknowledgement = await portal.syncDossier(message.agencyCode, record, held !== undefined);
    return { detail: `DongBoHoSoMC (re-sync) error_code ${acknowledgement.errorCode}`, progress };
  }

  return {
    async deliver(message, progress, context) {
      const payload = readPayload(message);
      if (payload.kind !== 'dossier' && payload.kind !== 'status')
        return send(message, progress, context, payload);
      // Started before the portal call, so what tracking reads is read beside the batch's reads.
      const tracking = track(message, progress);
      const receipt = await send(message, progress, context, payload);
      return { ...receipt, progress: { ...receipt.progress, ...(await tracking(payload)) } };
    },
  };
}
