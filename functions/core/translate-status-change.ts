import { nationalStatusCode } from '../../contracts/dossier-status';
import type { NationalProgressRow } from '../../contracts/national-portal';
import type { StatusChange } from '../../contracts/provincial-api';
import { toNationalTimestamp } from './national-time';

/** NguoiXuLy is capped at 50 characters on the national side [TH truncates]. */
const HANDLER_NAME_LIMIT = 50;

/**
 * A provincial status change -> one CapNhatTienDoHoSoMC progress row, every key present and
 * "" for what is unknown [OCPS createSyncDossierStatusBodyRequest, TH QuaTrinhXuLyDongBoDVC].
 * The row follows the DongBoHoSoMC update that moves the portal's status
 * (functions/application/deliver-to-national.ts).
 */
export function toNationalProgressRow(dossierCode: string, change: StatusChange): NationalProgressRow {
  return {
    MaHoSo: dossierCode,
    NguoiXuLy: change.handledBy.name.slice(0, HANDLER_NAME_LIMIT),
    ChucDanh: change.handledBy.title ?? '',
    ThoiDiemXuLy: toNationalTimestamp(change.at),
    PhongBanXuLy: change.handledBy.department ?? '',
    NoiDungXuLy: change.note ?? '',
    TrangThai: String(nationalStatusCode(change.status)) as NationalProgressRow['TrangThai'],
    NgayBatDau: '',
    NgayKetThucTheoQuyDinh: change.dueAt ? toNationalTimestamp(change.dueAt) : '',
  };
}
