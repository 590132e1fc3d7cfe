import {
  type InboundNationalDossier,
  inboundNationalDossierSchema,
  type NationalDossier,
  type NationalProgressRow,
  nationalErrorCodes,
} from '../../../contracts/national-portal';
import type { NationalAcknowledgement, NationalPortal } from '../../ports/national-portal';
import { raiseNationalError } from '../raise-national-error';

export type NationalCall =
  | {
      readonly kind: 'sync';
      readonly agencyCode: string;
      readonly isUpdating: boolean;
      readonly record: NationalDossier;
    }
  | { readonly kind: 'progress'; readonly agencyCode: string; readonly rows: readonly NationalProgressRow[] }
  | { readonly kind: 'lookup'; readonly agencyCode: string; readonly dossierCode: string };

export interface InMemoryNationalPortal extends NationalPortal {
  /** The records the portal holds, by MaHoSo. */
  readonly records: ReadonlyMap<string, NationalDossier>;
  /** Progress rows the portal took, in order. */
  readonly rows: readonly NationalProgressRow[];
  /** Every call that reached the portal, answered or not, in order. */
  readonly calls: readonly NationalCall[];
  /** The next `times` calls answer this national error_code (DOMAIN.md) instead of taking anything. */
  failNext(errorCode: number, times?: number): void;
}

const ok: NationalAcknowledgement = {
  errorCode: nationalErrorCodes.ok,
  message: '',
  switchedToUpdate: false,
};

/**
 * The national portal in memory, answering as the transports do (raise-national-error.ts): a
 * permanent error_code is 'national.rejected', any other 'national.transient'; a first sync of a
 * record it holds ("already exists") is switched to an update.
 */
export function createInMemoryNationalPortal(): InMemoryNationalPortal {
  const records = new Map<string, NationalDossier>();
  const rows: NationalProgressRow[] = [];
  const calls: NationalCall[] = [];
  const failures: number[] = [];
  const answerFailure = () => {
    const code = failures.shift();
    if (code !== undefined) raiseNationalError(code, 'the in-memory portal was told to fail');
  };
  return {
    records,
    rows,
    calls,
    failNext(errorCode, times = 1) {
      for (let count = 0; count < times; count += 1) failures.push(errorCode);
    },
    async syncDossier(agencyCode, record, isUpdating) {
      calls.push({ kind: 'sync', agencyCode, isUpdating, record });
      answerFailure();
      const switchedToUpdate = !isUpdating && records.has(record.MaHoSo);
      if (isUpdating && !records.has(record.MaHoSo))
        raiseNationalError(nationalErrorCodes.notFound, 'no such dossier');
      records.set(record.MaHoSo, record);
      return { ...ok, switchedToUpdate };
    },
    async updateProgress(agencyCode, taken) {
      calls.push({ kind: 'progress', agencyCode, rows: taken });
      answerFailure();
      rows.push(...taken);
      return ok;
    },
    async lookupDossier(agencyCode, dossierCode): Promise<InboundNationalDossier | undefined> {
      calls.push({ kind: 'lookup', agencyCode, dossierCode });
      answerFailure();
      const record = records.get(dossierCode);
      return record && inboundNationalDossierSchema.parse(record);
    },
    async ping() {},
  };
}
