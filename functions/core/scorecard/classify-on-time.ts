import type { ProcessingTimeUnit, ScorecardRules } from '../../../contracts/scorecard';
import { vietnamDay } from '../vietnam-time';
import type { WorkingCalendar } from '../working-calendar';
import {
  applicableDueAt,
  endOfProcessing,
  isReceived,
  type SupplementRequest,
  supplementIntervals,
  supplementRequests,
} from './dossier-timeline';
import { daySpan, type Evaluation, type IndicatorVerdict } from './indicator-verdict';
import type { ScorecardDossier } from './scorecard-dossier';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** [766 2.2] names months as a unit without a length; 30 days is our reading (ADR 14). */
const DAYS_PER_MONTH = 30;

const day = (at: number) => vietnamDay(new Date(at));
const endOfVietnamDay = (at: number) => Date.parse(`${day(at)}T23:59:59.999+07:00`);

/** The instant `amount` of `unit` after `start` ("Thời hạn tối đa giải quyết TTHC", DonViTinh). */
export function addProcessingTime(
  start: number,
  amount: { readonly value: number; readonly unit: ProcessingTimeUnit },
  calendar: WorkingCalendar,
): number {
  switch (amount.unit) {
    case 'hour':
      return start + amount.value * HOUR_MS;
    case 'day':
      return start + amount.value * DAY_MS;
    case 'workingDay':
      return calendar.addWorkingDays(new Date(start), Math.ceil(amount.value)).getTime();
    case 'month':
      return start + amount.value * DAYS_PER_MONTH * DAY_MS;
  }
}

interface Deadline {
  /** The end of processing with the citizen's supplement time taken off (elapsed mode). */
  readonly adjustedEnd: number;
  /** The promised date, moved by the supplement time in working-day mode. */
  readonly limit: number;
  /** The latest instant the real end of processing may reach. */
  readonly handleBy: number;
}

function deadlineFor(
  dossier: ScorecardDossier,
  requests: readonly SupplementRequest[],
  judgedAt: number,
  rules: ScorecardRules['onTime'],
  calendar: WorkingCalendar,
): Deadline | undefined {
  const received = Date.parse(dossier.receivedAt as string);
  const maximum = dossier.procedure?.maxProcessingTime;
  // "Nếu không có ngày hẹn trả thì … Thời hạn tối đa giải quyết TTHC" [766 2.1].
  const due =
    applicableDueAt(dossier, rules.dueDate, judgedAt) ??
    (maximum ? addProcessingTime(received, maximum, calendar) : undefined);
  if (due === undefined) return undefined;
  const intervals = supplementIntervals(requests, judgedAt);
  if (rules.supplementTime === 'elapsed') {
    const citizenTime = intervals.reduce((total, interval) => total + interval.to - interval.from, 0);
    return { adjustedEnd: judgedAt - citizenTime, limit: due, handleBy: due + citizenTime };
  }
  const citizenDays = intervals.reduce(
    (total, interval) => total + calendar.workingDaysBetween(new Date(interval.from), new Date(interval.to)),
    0,
  );
  const limit = calendar.addWorkingDays(new Date(due), citizenDays).getTime();
  return { adjustedEnd: judgedAt, limit, handleBy: limit };
}

/**
 * [766 2.1] "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn": one received dossier's standing — early,
 * on time, still in time (open), or late — and, while open and in time, the instant it must end
 * by. Undefined for dossiers outside the denominator (never received, refused at intake).
 */
export function classifyOnTime(
  dossier: ScorecardDossier,
  evaluation: Evaluation,
  rules: ScorecardRules,
  calendar: WorkingCalendar,
): IndicatorVerdict | undefined {
  if (!isReceived(dossier) || !dossier.receivedAt) return undefined;
  const onTime = rules.onTime;
  const received = Date.parse(dossier.receivedAt);
  const requests = supplementRequests(dossier);
  const end = endOfProcessing(dossier, onTime, requests);
  // "Chưa có trạng thái hoàn thành → lấy ngày cuối kỳ báo cáo là ngày kết thúc xử lý".
  const judgedAt = end?.at ?? evaluation.asOf.getTime();
  const base = {
    indicator: '2.1' as const,
    subjectCode: dossier.dossierCode,
    agencyCode: dossier.agencyCode,
    procedureCode: dossier.procedureCode,
    span:
      onTime.population === 'receivedInPeriod'
        ? { first: day(received), last: day(received) }
        : daySpan(day(received), end ? day(end.at) : null),
    provisional: end === undefined,
  };

  // "trừ trường hợp Yêu cầu bổ sung hồ sơ hơn 01 lần thì tính quá hạn".
  const repeated =
    requests.length > 1 && (onTime.repeatedSupplement === 'alwaysLate' || end?.kind === 'awaitingCitizen');
  if (repeated) {
    return {
      ...base,
      category: 'late',
      met: false,
      reasons: [{ code: 'repeatedSupplement', requests: requests.length }],
    };
  }

  const deadline = deadlineFor(dossier, requests, judgedAt, onTime, calendar);
  if (!deadline) {
    if (onTime.withoutDeadline === 'excluded') return undefined;
    return onTime.withoutDeadline === 'onTime'
      ? { ...base, category: end ? 'onTime' : 'inTime', met: true, reasons: [] }
      : { ...base, category: 'late', met: false, reasons: [{ code: 'noDeadline' }] };
  }

  const { adjustedEnd, limit } = deadline;
  const late = onTime.compareBy === 'day' ? day(adjustedEnd) > day(limit) : adjustedEnd > limit;
  if (late) {
    const workingDays = calendar.workingDaysBetween(new Date(limit), new Date(adjustedEnd));
    return {
      ...base,
      category: 'late',
      met: false,
      reasons: [end ? { code: 'finishedLate', workingDays } : { code: 'openPastDue', workingDays }],
    };
  }
  if (!end) {
    const handleBy = onTime.compareBy === 'day' ? endOfVietnamDay(deadline.handleBy) : deadline.handleBy;
    return {
      ...base,
      category: 'inTime',
      met: true,
      reasons: [],
      watch: { handleBy: new Date(handleBy).toISOString(), reason: { code: 'finishProcessing' } },
    };
  }
  const early =
    onTime.early === 'beforeDueDay'
      ? day(adjustedEnd) < day(limit)
      : calendar.workingDaysBetween(new Date(adjustedEnd), new Date(limit)) >= 1;
  return { ...base, category: early ? 'early' : 'onTime', met: true, reasons: [] };
}

function processingTime(
  start: number,
  end: number,
  intervals: readonly { from: number; to: number }[],
  unit: ProcessingTimeUnit,
  calendar: WorkingCalendar,
): number {
  if (unit === 'workingDay') {
    const between = (from: number, to: number) => calendar.workingDaysBetween(new Date(from), new Date(to));
    const citizenDays = intervals.reduce((total, interval) => total + between(interval.from, interval.to), 0);
    return Math.max(0, between(start, end) - citizenDays);
  }
  const elapsed = Math.max(0, end - start - intervals.reduce((total, i) => total + i.to - i.from, 0));
  if (unit === 'hour') return elapsed / HOUR_MS;
  if (unit === 'day') return elapsed / DAY_MS;
  return elapsed / DAY_MS / DAYS_PER_MONTH;
}

/**
 * [766 2.2] "Thời gian giải quyết TTHC trung bình": a dossier resolved or returned, started
 * (received) in the period, measured like 2.1 — end minus reception minus the citizen's
 * supplement time — in its procedure's unit (working days when the catalogue gives none).
 */
export function classifyProcessingTime(
  dossier: ScorecardDossier,
  rules: ScorecardRules,
  calendar: WorkingCalendar,
): IndicatorVerdict | undefined {
  if (!isReceived(dossier) || !dossier.receivedAt) return undefined;
  const requests = supplementRequests(dossier);
  const end = endOfProcessing(dossier, rules.onTime, requests);
  if (!end || (end.kind !== 'resolved' && end.kind !== 'returned')) return undefined;
  const received = Date.parse(dossier.receivedAt);
  const unit = dossier.procedure?.maxProcessingTime?.unit ?? 'workingDay';
  const value = processingTime(received, end.at, supplementIntervals(requests, end.at), unit, calendar);
  return {
    indicator: '2.2',
    subjectCode: dossier.dossierCode,
    agencyCode: dossier.agencyCode,
    procedureCode: dossier.procedureCode,
    span: { first: day(received), last: day(received) },
    category: 'finished',
    met: true,
    reasons: [],
    measure: { value, unit },
    provisional: false,
  };
}
