import { nationalStatusCode } from '../../contracts/dossier-status';
import type { NationalProgressRow } from '../../contracts/national-portal';
import type { StatusChange } from '../../contracts/provincial-api';
import { toNationalTimestamp } from './national-time';

/** NguoiXuLy is capped at 50 characters on the national side. */
const HANDLER_NAME_LIMIT = 50;

/** A provincial status change -> one CapNhatTienDoHoSoMC progress row. */
export function toNationalProgressRow(dossierCode: string, change: StatusChange): NationalProgressRow {
  const row: NationalProgressRow = {
    MaHoSo: dossierCode,
    NguoiXuLy: change.handledBy.name.slice(0, HANDLER_NAME_LIMIT),
    ThoiDiemXuLy: toNationalTimestamp(change.at),
    TrangThai: String(nationalStatusCode(change.status)) as NationalProgressRow['TrangThai'],
  };
  if (change.handledBy.title) row.ChucDanh = change.handledBy.title;
  if (change.handledBy.department) row.PhongBanXuLy = change.handledBy.department;
  if (change.note) row.NoiDungXuLy = change.note;
  if (change.dueAt) row.NgayKetThucTheoQuyDinh = toNationalTimestamp(change.dueAt);
  return row;
}
