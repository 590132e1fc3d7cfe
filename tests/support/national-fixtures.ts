import { expect } from 'vitest';
import type { StatusChange } from '../../contracts/provincial-api';
import { toNationalDossier } from '../../functions/core/translate-dossier';
import type { NationalPortal } from '../../functions/ports/national-portal';
import { aDossier } from './fixtures';
import { rejection } from './refusal';

/** A status change at the desk, `minutes` after 2025-03-14 08:30 Vietnam time. */
export function aStatusChange(
  eventId: string,
  status: StatusChange['status'],
  minutes: number,
): StatusChange {
  const at = new Date(Date.parse('2025-03-14T01:30:00Z') + minutes * 60_000)
    .toISOString()
    .replace('Z', '+00:00');
  return {
    eventId,
    status,
    at,
    handledBy: { name: 'Trần Thị Bình', title: 'Chuyên viên', department: 'Bộ phận một cửa' },
  };
}

/**
 * What the portal's record says of dossierSubmissionV11Example's applicant (VNeID-verified, online)
 * once the dossier has a digitised document, an online payment and national data source 7
 * [766 3.3, 3.6, 4.1–4.5]: the unit test of the translation and the end-to-end wire test expect it alike.
 */
export const v11ApplicantRecord = {
  MaDoiTuong: 'vneid-0012345',
  TaiKhoanDuocXacThucVoiVNeID: '1',
  DuocThanhToanTrucTuyen: '1',
  HoSoCoThanhPhanSoHoa: '1',
  DSKetNoiCSDL: [{ MaCSDL: '7' }],
};

/** The refusal of a national portal adapter asked to sync the fixture dossier of H12, as new. */
export const syncRefusal = (portal: Pick<NationalPortal, 'syncDossier'>) =>
  rejection(portal.syncDossier('000.00.12.H12', toNationalDossier(aDossier()), false));

/**
 * An adapter built for a portal nobody answers at (the discard port on loopback) refuses a sync
 * as transient, so the relay retries it later.
 */
export async function expectUnreachableIsTransient(
  portalAt: (baseUrl: string) => Pick<NationalPortal, 'syncDossier'>,
) {
  expect((await syncRefusal(portalAt('http://127.0.0.1:9/'))).code).toBe('national.transient');
}
