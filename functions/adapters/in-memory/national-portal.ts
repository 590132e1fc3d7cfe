import {
  inboundNationalDossierSchema,
  type NationalDossier,
  type NationalProgressRow,
} from '../../../contracts/national-portal';
import type { NationalAcknowledgement, NationalPortal } from '../../ports/national-portal';

export type NationalCall =
  | {
      readonly service: 'DongBoHoSoMC';
      readonly agencyCode: string;
      readonly dossier: NationalDossier;
      readonly isUpdating: boolean;
    }
  | {
      readonly service: 'CapNhatTienDoHoSoMC';
      readonly agencyCode: string;
      readonly rows: readonly NationalProgressRow[];
    }
  | { readonly service: 'TraCuuHoSo'; readonly agencyCode: string; readonly dossierCode: string };

export interface InMemoryNationalPortal extends NationalPortal {
  /** What the portal holds, by MaHoSo; a progress row moves the held record's TrangThaiHoSo. */
  readonly dossiers: Map<string, NationalDossier>;
  /** Every call that reached it, in order (a failed one included). */
  readonly calls: NationalCall[];
  /** Errors the next calls throw, one per call, first first (a timeout, a rejection). */
  readonly failures: Error[];
}

const accepted = (switchedToUpdate = false): NationalAcknowledgement => ({
  errorCode: 0,
  message: 'Thành công',
  switchedToUpdate,
});

/**
 * The national portal in memory, for unit tests of the use cases: it keeps the records it is
 * sent, answers TraCuuHoSo from them, switches a create of a record it holds to an update (as
 * the port promises), and fails the next calls with whatever errors a test queues.
 */
export function createInMemoryNationalPortal(): InMemoryNationalPortal {
  const portal: InMemoryNationalPortal = {
    dossiers: new Map(),
    calls: [],
    failures: [],
    async syncDossier(agencyCode, dossier, isUpdating) {
      portal.calls.push({ service: 'DongBoHoSoMC', agencyCode, dossier, isUpdating });
      throwQueuedFailure();
      const switched = !isUpdating && portal.dossiers.has(dossier.MaHoSo);
      portal.dossiers.set(dossier.MaHoSo, dossier);
      return accepted(switched);
    },
    async updateProgress(agencyCode, rows) {
      portal.calls.push({ service: 'CapNhatTienDoHoSoMC', agencyCode, rows });
      throwQueuedFailure();
      for (const row of rows) {
        const held = portal.dossiers.get(row.MaHoSo);
        if (held) portal.dossiers.set(row.MaHoSo, { ...held, TrangThaiHoSo: row.TrangThai });
      }
      return accepted();
    },
    async lookupDossier(agencyCode, dossierCode) {
      portal.calls.push({ service: 'TraCuuHoSo', agencyCode, dossierCode });
      throwQueuedFailure();
      const held = portal.dossiers.get(dossierCode);
      // Read back as the adapters read the portal's answer: "" absent, "True"/"False" booleans.
      return held && inboundNationalDossierSchema.parse(held);
    },
    async ping() {},
  };
  function throwQueuedFailure(): void {
    const failure = portal.failures.shift();
    if (failure) throw failure;
  }
  return portal;
}
