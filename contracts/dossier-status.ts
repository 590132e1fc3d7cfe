import * as z from 'zod';

/** TrangThaiHoSo (DOMAIN.md): the provincial name, the national code and its meaning. */
export const dossierStatuses = [
  { name: 'submitted', code: 1, vi: 'Mới đăng ký', final: false },
  { name: 'received', code: 2, vi: 'Được tiếp nhận', final: false },
  { name: 'refused', code: 3, vi: 'Không được tiếp nhận', final: true },
  { name: 'processing', code: 4, vi: 'Đang xử lý', final: false },
  { name: 'awaiting_supplement', code: 5, vi: 'Yêu cầu bổ sung giấy tờ', final: false },
  { name: 'awaiting_payment', code: 6, vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', final: false },
  { name: 'withdrawn', code: 7, vi: 'Công dân yêu cầu rút hồ sơ', final: true },
  { name: 'stopped', code: 8, vi: 'Dừng xử lý', final: true },
  { name: 'resolved', code: 9, vi: 'Đã xử lý xong', final: false },
  { name: 'returned', code: 10, vi: 'Đã trả kết quả', final: true },
] as const;

export type DossierStatus = (typeof dossierStatuses)[number]['name'];

export const dossierStatusSchema = z
  .enum(dossierStatuses.map((status) => status.name) as [DossierStatus, ...DossierStatus[]])
  .meta({ description: 'Dossier status (provincial name of TrangThaiHoSo)', example: 'received' });

/**
 * Allowed moves [inferred in DOMAIN.md, so kept as data]. A status may also stay where it
 * is only where listed (4 -> 4: a new processing step).
 */
export const dossierTransitions: Readonly<Record<DossierStatus, readonly DossierStatus[]>> = {
  submitted: ['received', 'refused', 'withdrawn'],
  received: ['processing', 'awaiting_supplement', 'awaiting_payment', 'withdrawn', 'stopped'],
  processing: ['processing', 'awaiting_supplement', 'awaiting_payment', 'stopped', 'resolved', 'withdrawn'],
  awaiting_supplement: ['processing', 'withdrawn', 'stopped'],
  awaiting_payment: ['processing', 'resolved', 'withdrawn', 'stopped'],
  resolved: ['returned'],
  refused: [],
  withdrawn: [],
  stopped: [],
  returned: [],
};

export function nationalStatusCode(status: DossierStatus): number {
  const entry = dossierStatuses.find((candidate) => candidate.name === status);
  if (!entry) throw new RangeError(`unknown dossier status ${status}`);
  return entry.code;
}

export function statusFromNationalCode(code: number): DossierStatus | undefined {
  return dossierStatuses.find((candidate) => candidate.code === code)?.name;
}

export type TransitionVerdict =
  | { allowed: true }
  | { allowed: false; reason: string; allowedNext: readonly DossierStatus[] };

/** Says whether a dossier may move from one status to another, and why not. */
export function checkTransition(from: DossierStatus, to: DossierStatus): TransitionVerdict {
  const allowedNext = dossierTransitions[from];
  if (allowedNext.includes(to)) return { allowed: true };
  const fromEntry = dossierStatuses.find((status) => status.name === from);
  const reason = fromEntry?.final
    ? `Hồ sơ đã ở trạng thái cuối "${fromEntry.vi}" / The dossier is in the final status '${from}' and cannot change`
    : `Không thể chuyển từ "${from}" sang "${to}" / A dossier cannot move from '${from}' to '${to}'; allowed: ${allowedNext.join(', ')}`;
  return { allowed: false, reason, allowedNext };
}
