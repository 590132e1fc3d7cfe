import {
  NATIONAL_PROGRESS_CHUNK,
  type NationalDossier,
  type NationalProgressRow,
  nationalErrorCodes,
} from '../../contracts/national-portal';
import type { NationalAcknowledgement, NationalPortal } from '../ports/national-portal';
import { isAlreadyExists, raiseNationalError } from './raise-national-error';

/** The portal's answer to one call, whatever transport carried it. */
export interface PortalReply {
  readonly code: number;
  readonly message: string;
  readonly result: unknown;
}

/** One transport's two write calls: DongBoHoSoMC and CapNhatTienDoHoSoMC, answered as they came. */
export interface NationalWriteCalls {
  sync(agencyCode: string, dossier: NationalDossier, isUpdating: boolean): Promise<PortalReply>;
  progress(agencyCode: string, rows: readonly NationalProgressRow[]): Promise<PortalReply>;
}

const acknowledge = (reply: PortalReply, switchedToUpdate: boolean): NationalAcknowledgement => ({
  errorCode: reply.code,
  message: reply.message,
  switchedToUpdate,
});

/**
 * The write rules both transports follow, so they cannot drift apart: a first sync answered
 * "already exists" is sent again as an update (the code alone decides: the wording of the
 * message varies, and an update of a dossier the portal lacks fails loudly on its own), and
 * progress goes in chunks of NATIONAL_PROGRESS_CHUNK rows, in order, stopping at the first
 * failure.
 */
export function nationalWrites(
  calls: NationalWriteCalls,
  rejectedCodes: readonly number[],
): Pick<NationalPortal, 'syncDossier' | 'updateProgress'> {
  return {
    async syncDossier(agencyCode, dossier, isUpdating) {
      const first = await calls.sync(agencyCode, dossier, isUpdating);
      if (first.code === nationalErrorCodes.ok) return acknowledge(first, false);
      if (!isAlreadyExists(first.code) || isUpdating)
        raiseNationalError(first.code, first.message, rejectedCodes);
      const update = await calls.sync(agencyCode, dossier, true);
      if (update.code !== nationalErrorCodes.ok)
        raiseNationalError(update.code, update.message, rejectedCodes);
      return acknowledge(update, true);
    },
    async updateProgress(agencyCode, rows) {
      let last: NationalAcknowledgement = {
        errorCode: nationalErrorCodes.ok,
        message: '',
        switchedToUpdate: false,
      };
      for (let start = 0; start < rows.length; start += NATIONAL_PROGRESS_CHUNK) {
        const reply = await calls.progress(agencyCode, rows.slice(start, start + NATIONAL_PROGRESS_CHUNK));
        if (reply.code !== nationalErrorCodes.ok)
          raiseNationalError(reply.code, reply.message, rejectedCodes);
        last = acknowledge(reply, false);
      }
      return last;
    },
  };
}
