import type { DossierStatus } from '../../../contracts/dossier-status';
import type { ScorecardRules } from '../../../contracts/scorecard';
import type { ScorecardDossier } from './scorecard-dossier';

/**
 * The moments of a dossier the QĐ 766 timing rules read [766 2.1]: whether it was received,
 * when its processing ended and how, its supplement requests and the promised date that applies.
 */

const ms = (iso: string) => Date.parse(iso);

const UNRECEIVED = new Set<DossierStatus>(['submitted', 'refused']);

/**
 * Received (NgayTiepNhan) and not refused at intake: statuses 1 and 3 are never received
 * (DOMAIN.md), and a dossier withdrawn straight from 1 never reached the desk's processing.
 */
export function isReceived(dossier: ScorecardDossier): boolean {
  if (!dossier.receivedAt) return false;
  if (dossier.statusHistory.some((move) => move.status === 'refused')) return false;
  return dossier.statusHistory.some((move, index) => {
    if (UNRECEIVED.has(move.status)) return false;
    return !(move.status === 'withdrawn' && dossier.statusHistory[index - 1]?.status === 'submitted');
  });
}

/** `reported`: the province sent NgayKetThucXuLy while no end status is on record. */
export type EndKind = 'resolved' | 'returned' | 'closed' | 'awaitingCitizen' | 'reported';

export interface EndOfProcessing {
  readonly at: number;
  readonly kind: EndKind;
}

export interface SupplementRequest {
  readonly requestedAt: number;
  readonly receivedAt?: number;
}

/**
 * The supplement requests: the synced list (DanhSachHoSoBoSung) when there is one, else each
 * move into "Yêu cầu bổ sung giấy tờ" (5), completed by the next move out of it.
 */
export function supplementRequests(dossier: ScorecardDossier): SupplementRequest[] {
  if (dossier.supplements && dossier.supplements.length > 0) {
    return dossier.supplements
      .map((supplement) => ({
        requestedAt: ms(supplement.requestedAt),
        ...(supplement.receivedAt ? { receivedAt: ms(supplement.receivedAt) } : {}),
      }))
      .sort((left, right) => left.requestedAt - right.requestedAt);
  }
  const requests: SupplementRequest[] = [];
  let open: number | undefined;
  for (const move of dossier.statusHistory) {
    if (move.status === 'awaiting_supplement') {
      if (open === undefined) open = ms(move.at);
    } else if (open !== undefined) {
      requests.push({ requestedAt: open, receivedAt: ms(move.at) });
      open = undefined;
    }
  }
  if (open !== undefined) requests.push({ requestedAt: open });
  return requests;
}

const firstMove = (dossier: ScorecardDossier, statuses: readonly DossierStatus[]) =>
  dossier.statusHistory.find((move) => statuses.includes(move.status));

/**
 * "Thời gian kết thúc xử lý: thời điểm đạt trạng thái Đã xử lý xong > Đã trả kết quả > Dừng xử
 * lý/Từ chối. Nếu chỉ có Yêu cầu bổ sung (1 lần) → lấy thời điểm đó" [766 2.1]; withdrawal is an
 * end too. The synced NgayKetThucXuLy wins under `syncedFieldFirst` (the portal reads that field).
 * Undefined: still open.
 */
export function endOfProcessing(
  dossier: ScorecardDossier,
  rules: ScorecardRules['onTime'],
  requests: readonly SupplementRequest[],
): EndOfProcessing | undefined {
  const resolved = firstMove(dossier, ['resolved']);
  const returned = firstMove(dossier, ['returned']);
  const closed = firstMove(dossier, ['stopped', 'withdrawn']);
  const kind: EndKind | undefined = resolved
    ? 'resolved'
    : returned || dossier.returnedAt
      ? 'returned'
      : closed || dossier.refusedAt
        ? 'closed'
        : undefined;
  if (rules.endOfProcessing === 'syncedFieldFirst' && dossier.finishedAt) {
    return { at: ms(dossier.finishedAt), kind: kind ?? 'reported' };
  }
  if (resolved) return { at: ms(resolved.at), kind: 'resolved' };
  const returnedAt = returned?.at ?? dossier.returnedAt;
  if (returnedAt) return { at: ms(returnedAt), kind: 'returned' };
  const closedAt = closed?.at ?? dossier.refusedAt;
  if (closedAt) return { at: ms(closedAt), kind: 'closed' };
  const waiting = requests.at(-1);
  if (waiting && waiting.receivedAt === undefined) {
    const movedOnSince = dossier.statusHistory.some(
      (move) => ms(move.at) > waiting.requestedAt && move.status !== 'awaiting_supplement',
    );
    if (!movedOnSince) return { at: waiting.requestedAt, kind: 'awaitingCitizen' };
  }
  return undefined;
}

/**
 * The promised date that applies: the latest synced (the portal reads the dossier's current
 * NgayHenTra), or under `inForceAtEnd` the one set no later than the end of processing.
 */
export function applicableDueAt(
  dossier: ScorecardDossier,
  rule: ScorecardRules['onTime']['dueDate'],
  end: number,
): number | undefined {
  const history = dossier.dueAtHistory ?? [];
  if (rule === 'inForceAtEnd' && history.length > 0) {
    const inForce = history.filter((entry) => ms(entry.at) <= end).at(-1) ?? history[0];
    return inForce ? ms(inForce.dueAt) : undefined;
  }
  const latest = dossier.dueAt ?? history.at(-1)?.dueAt;
  return latest ? ms(latest) : undefined;
}

/**
 * The citizen's time on supplements before `end`: "Thời gian bổ sung hồ sơ = Thời điểm hoàn thành
 * bổ sung − Thời điểm Yêu cầu bổ sung" [766 2.1]. A request still pending at the end counts up to
 * the end: the clock was the citizen's until then.
 */
export function supplementIntervals(
  requests: readonly SupplementRequest[],
  end: number,
): { from: number; to: number }[] {
  return requests
    .filter((request) => request.requestedAt < end)
    .map((request) => ({ from: request.requestedAt, to: Math.min(request.receivedAt ?? end, end) }))
    .filter((interval) => interval.to > interval.from);
}
