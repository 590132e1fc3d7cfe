import { nationalStatusCode } from '../../contracts/dossier-status';
import type { DeadlineNoticeData } from '../../contracts/webhooks';
import { isGatewayError } from '../core/gateway-error';
import { atRiskIndicators } from '../core/scorecard/at-risk';
import { toVietnamIso, vietnamDay } from '../core/vietnam-time';
import type { WorkingCalendar } from '../core/working-calendar';
import type { DeadlineThreshold, DeadlineWatch, WatchedDossier } from '../ports/deadline-watch';
import type { ScorecardStore } from '../ports/scorecard-store';
import { type AcceptDependencies, acceptMessage } from './accept-message';
import type { ScorecardDependencies } from './record-scorecard';

export interface DeadlineWatchDependencies
  extends AcceptDependencies,
    Pick<ScorecardDependencies, 'scorecardRules'> {
  readonly deadlineWatch: DeadlineWatch;
  readonly scorecard: Pick<ScorecardStore, 'get'>;
  readonly calendar: WorkingCalendar;
  readonly deadlines: { readonly dueSoonWorkingDays: number; readonly watchLimit: number };
}

export interface DeadlineWatchReport {
  readonly looked: number;
  readonly dueSoon: number;
  readonly overdue: number;
}

/**
 * Sends a province `dossier.due_soon` for each watched dossier whose promised date falls within
 * the window (in working days), and `dossier.overdue` once that date has passed. Each notice is an
 * ordinary province-bound message whose natural key is the notice and the promised date, so two
 * runs at once, or a run repeated after a crash, still send it once. A notice names the QĐ 766
 * indicators the dossier will still count against unless handled by a date ahead, as the
 * scorecard judges it (its "sắp tính trễ" list), so the province hears it where it hears the rest.
 */
export async function watchDeadlines(
  deps: DeadlineWatchDependencies,
  now: Date,
): Promise<DeadlineWatchReport> {
  const horizon = deps.calendar.addWorkingDays(now, deps.deadlines.dueSoonWorkingDays);
  if (vietnamDay(horizon) > deps.calendar.coversThrough) {
    deps.logger.warn('the working calendar ends before the due-soon window: holidays beyond it are ignored', {
      calendarVersion: deps.calendar.version,
      coversThrough: deps.calendar.coversThrough,
    });
  }
  const watched = await deps.deadlineWatch.listNeedingNotice({
    now: now.toISOString(),
    until: horizon.toISOString(),
    limit: deps.deadlines.watchLimit,
  });
  const sent = { due_soon: 0, overdue: 0 };
  for (const dossier of watched) {
    const threshold: DeadlineThreshold = Date.parse(dossier.dueAt) < now.getTime() ? 'overdue' : 'due_soon';
    const noticeFor = threshold === 'overdue' ? dossier.overdueNoticeFor : dossier.dueSoonNoticeFor;
    if (noticeFor === dossier.dueAt) {
      // Overdue and told already: the relay put it back on the list with a later message.
      if (threshold === 'overdue')
        await deps.deadlineWatch.recordNotice(dossier.dossierCode, threshold, dossier.dueAt);
      continue;
    }
    if (await notify(deps, dossier, threshold, now)) sent[threshold] += 1;
    await deps.deadlineWatch.recordNotice(dossier.dossierCode, threshold, dossier.dueAt);
  }
  if (sent.due_soon + sent.overdue > 0) deps.logger.info('deadline notices sent', sent);
  return { looked: watched.length, dueSoon: sent.due_soon, overdue: sent.overdue };
}

/** Accepts the notice as a province-bound message; false when an earlier run already had. */
async function notify(
  deps: DeadlineWatchDependencies,
  dossier: WatchedDossier,
  threshold: DeadlineThreshold,
  now: Date,
): Promise<boolean> {
  const dueAt = new Date(dossier.dueAt);
  const sheet = (await deps.scorecard.get(dossier.dossierCode))?.sheet;
  const atRisk = sheet ? atRiskIndicators(sheet, now, deps.scorecardRules, deps.calendar) : [];
  const data: DeadlineNoticeData = {
    dossierCode: dossier.dossierCode,
    agencyCode: dossier.agencyCode,
    ...(dossier.tracked.procedureCode ? { procedureCode: dossier.tracked.procedureCode } : {}),
    status: dossier.status,
    nationalStatusCode: nationalStatusCode(dossier.status),
    dueAt: toVietnamIso(dueAt),
    ...(threshold === 'overdue'
      ? { workingDaysLate: deps.calendar.workingDaysBetween(dueAt, now) }
      : { workingDaysLeft: deps.calendar.workingDaysBetween(now, dueAt) }),
    ...(atRisk.length > 0
      ? {
          scorecard: atRisk.map((item) => ({
            indicator: item.indicator,
            handleBy: toVietnamIso(new Date(item.handleBy)),
            reason: item.reason,
          })),
        }
      : {}),
  };
  try {
    const { replayed } = await acceptMessage(deps, {
      channel: 'province',
      kind: threshold === 'overdue' ? 'dossier.overdue' : 'dossier.due_soon',
      dossierCode: dossier.dossierCode,
      agencyCode: dossier.agencyCode,
      naturalKey: `${threshold}:${dossier.dueAt}`,
      status: dossier.status,
      requiresExistingDossier: false,
      enforceTransitions: false,
      payload: data,
      traceId: deps.newId(),
    });
    return !replayed;
  } catch (error) {
    // Same notice and date, counted on another day by an earlier run: it went out already.
    if (isGatewayError(error, 'idempotency.conflict')) return false;
    throw error;
  }
}
