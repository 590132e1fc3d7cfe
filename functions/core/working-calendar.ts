import type { WorkingCalendarData } from '../../contracts/working-calendar';
import { startOfVietnamDay, vietnamDay } from './vietnam-time';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Bounds the day-by-day walk: no real window reaches a year of working days. */
const MAX_DAYS_WALKED = 3_660;
/** Pairs of days whose count of working days between is remembered: a few days' worth of dossiers. */
const MAX_PAIRS_REMEMBERED = 10_000;

export interface WorkingCalendar {
  readonly version: string;
  readonly coversThrough: string;
  isWorkingDay(day: string): boolean;
  /** The same Vietnam wall-clock time on the `days`-th working day after the instant's day. */
  addWorkingDays(instant: Date, days: number): Date;
  /** Working days after `from`'s day up to and including `to`'s day; 0 when `to` is not later. */
  workingDaysBetween(from: Date, to: Date): number;
}

function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export function createWorkingCalendar(data: WorkingCalendarData): WorkingCalendar {
  const weekdays = new Set(data.workingWeekdays);
  const holidays = new Set(data.holidays.map((holiday) => holiday.date));
  const workedWeekendDays = new Set(data.workingWeekendDays.map((day) => day.date));

  const counted = new Map<string, number>();
  const isWorkingDay = (day: string) =>
    workedWeekendDays.has(day) || (weekdays.has(isoWeekday(day)) && !holidays.has(day));

  return {
    version: data.version,
    coversThrough: data.coversThrough,
    isWorkingDay,
    addWorkingDays(instant, days) {
      const wallClockMs = instant.getTime() - startOfVietnamDay(vietnamDay(instant)).getTime();
      let day = vietnamDay(instant);
      let left = days;
      for (let walked = 0; left > 0; walked += 1) {
        if (walked >= MAX_DAYS_WALKED) throw new RangeError(`no ${days} working days within ten years`);
        day = nextDay(day);
        if (isWorkingDay(day)) left -= 1;
      }
      return new Date(startOfVietnamDay(day).getTime() + wallClockMs);
    },
    workingDaysBetween(from, to) {
      const first = vietnamDay(from);
      const last = vietnamDay(to);
      if (last <= first) return 0;
      // Every relayed message classifies its dossier against the day it is relayed, so the same
      // pair of days comes back again and again, and a walk can be hundreds of days long (3 %
      // of the CPU of a drain in a profile, issue 24). A pair's answer never changes for one
      // calendar, so it is remembered (bounded: the oldest pair goes first).
      const key = `${first}/${last}`;
      const known = counted.get(key);
      if (known !== undefined) return known;
      let day = first;
      let count = 0;
      for (let walked = 0; day < last; walked += 1) {
        if (walked >= MAX_DAYS_WALKED) break;
        day = nextDay(day);
        if (isWorkingDay(day)) count += 1;
      }
      if (counted.size >= MAX_PAIRS_REMEMBERED) counted.delete(counted.keys().next().value ?? '');
      counted.set(key, count);
      return count;
    },
  };
}
