import type { CatalogueEntry, CatalogueKind } from '../../../contracts/national-catalogues';
import {
  type InboundNationalDossier,
  inboundNationalDossierSchema,
  type NationalDossier,
  type NationalProgressRow,
  nationalErrorCodes,
} from '../../../contracts/national-portal';
import { GatewayError } from '../../core/gateway-error';
import type { NationalAcknowledgement, NationalPortal } from '../../ports/national-portal';
import { defaultRejectedCodes, raiseNationalError } from '../raise-national-error';

type Call =
  | {
      readonly kind: 'sync';
      readonly agencyCode: string;
      readonly isUpdating: boolean;
      readonly record: NationalDossier;
    }
  | { readonly kind: 'progress'; readonly agencyCode: string; readonly rows: readonly NationalProgressRow[] }
  | { readonly kind: 'lookup'; readonly agencyCode: string; readonly dossierCode: string }
  | { readonly kind: 'catalogue'; readonly catalogue: CatalogueKind };

/** A call that reached the portal; `refusedWith` is the error_code it answered instead of taking it. */
export type NationalCall = Call & { readonly refusedWith?: number };

export interface InMemoryNationalPortal extends NationalPortal {
  /** The records the portal holds, by MaHoSo. */
  readonly records: ReadonlyMap<string, NationalDossier>;
  /** Progress rows the portal took, in order. */
  readonly rows: readonly NationalProgressRow[];
  /** Every call that reached the portal, answered or not, in order. */
  readonly calls: readonly NationalCall[];
  /**
   * The next call (of kind `on`, or of any kind) answers this national error_code (DOMAIN.md)
   * instead of taking anything.
   */
  failNext(errorCode: number, on?: NationalCall['kind']): void;
  /** The next call of kind `on` is taken, but its answer never comes back (a timeout). */
  loseNextAnswer(on: NationalCall['kind']): void;
  /** What the portal lists in each catalogue; `unreadableRows` rows it answers that no one can read. */
  readonly catalogues: Record<CatalogueKind, { entries: CatalogueEntry[]; unreadableRows: number }>;
}

const ok: NationalAcknowledgement = {
  errorCode: nationalErrorCodes.ok,
  message: '',
  switchedToUpdate: false,
};

/**
 * The national portal in memory, answering as the transports do (raise-national-error.ts): a
 * permanent error_code is 'national.rejected', any other 'national.transient'; a first sync of a
 * record it holds ("already exists") is switched to an update; an update or progress rows of a
 * record it does not hold are refused as not found (201).
 */
export function createInMemoryNationalPortal(): InMemoryNationalPortal {
  const records = new Map<string, NationalDossier>();
  const rows: NationalProgressRow[] = [];
  const calls: NationalCall[] = [];
  const failures: { errorCode: number; on?: NationalCall['kind'] }[] = [];
  const lostAnswers: NationalCall['kind'][] = [];
  const catalogues: InMemoryNationalPortal['catalogues'] = {
    procedures: { entries: [], unreadableRows: 0 },
    agencies: { entries: [], unreadableRows: 0 },
    fields: { entries: [], unreadableRows: 0 },
  };
  /** Records the call, then answers the failure it was told to, if one is due for this kind. */
  const reach = (call: Call) => {
    const due = failures.findIndex((failure) => failure.on === undefined || failure.on === call.kind);
    if (due < 0) {
      calls.push(call);
      return;
    }
    const [{ errorCode }] = failures.splice(due, 1) as [{ errorCode: number }];
    calls.push({ ...call, refusedWith: errorCode });
    raiseNationalError(errorCode, 'the in-memory portal was told to fail', defaultRejectedCodes);
  };
  /** After the portal took a call: its answer is lost if it was told so. */
  const answer = <T>(kind: NationalCall['kind'], value: T): T => {
    const lost = lostAnswers.indexOf(kind);
    if (lost < 0) return value;
    lostAnswers.splice(lost, 1);
    throw new GatewayError('national.transient', `timeout after the portal took the ${kind} call`);
  };
  return {
    records,
    rows,
    calls,
    catalogues,
    failNext(errorCode, on) {
      failures.push({ errorCode, ...(on ? { on } : {}) });
    },
    loseNextAnswer(on) {
      lostAnswers.push(on);
    },
    async syncDossier(agencyCode, record, isUpdating) {
      reach({ kind: 'sync', agencyCode, isUpdating, record });
      if (isUpdating && !records.has(record.MaHoSo)) {
        raiseNationalError(nationalErrorCodes.notFound, `no dossier ${record.MaHoSo}`, defaultRejectedCodes);
      }
      const switchedToUpdate = !isUpdating && records.has(record.MaHoSo);
      records.set(record.MaHoSo, record);
      return answer('sync', { ...ok, switchedToUpdate });
    },
    async updateProgress(agencyCode, taken) {
      reach({ kind: 'progress', agencyCode, rows: taken });
      // As the portal simulator answers CapNhatTienDoHoSoMC: rows of a dossier it does not hold are refused whole.
      const unknown = taken.find((row) => !records.has(row.MaHoSo));
      if (unknown) {
        raiseNationalError(nationalErrorCodes.notFound, `no dossier ${unknown.MaHoSo}`, defaultRejectedCodes);
      }
      rows.push(...taken);
      return answer('progress', ok);
    },
    async lookupDossier(agencyCode, dossierCode): Promise<InboundNationalDossier | undefined> {
      reach({ kind: 'lookup', agencyCode, dossierCode });
      const record = records.get(dossierCode);
      return answer('lookup', record && inboundNationalDossierSchema.parse(record));
    },
    async listCatalogue(catalogue) {
      reach({ kind: 'catalogue', catalogue });
      const { entries, unreadableRows } = catalogues[catalogue];
      return answer('catalogue', { entries: [...entries], unreadableRows });
    },
    async ping() {},
  };
}
