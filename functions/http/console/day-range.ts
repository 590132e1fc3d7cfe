import { startOfVietnamDay, vietnamDay } from '../../core/vietnam-time';
import type { TextKey } from './console-text';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A real calendar day written yyyy-MM-dd (what `<input type="date">` submits). */
const isDay = (value: string) =>
  DAY.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);

export type DayRange =
  | {
      readonly ok: true;
      /** The days as the date pickers show them. */
      readonly days: { readonly from?: string; readonly to?: string };
      /** The same days as the store's instants: from the first millisecond of `from` to the last of `to`, Vietnam time. */
      readonly instants: { readonly from?: string; readonly to?: string };
    }
  | { readonly ok: false; readonly days: { from?: string; to?: string }; readonly problem: TextKey };

/**
 * The date pickers' days as an ISO range the stored UTC instants compare with. A day that is not a
 * day, or a range that ends before it starts, is the administrator's to fix: said, never a 5xx.
 */
export function dayRange(from: string | undefined, to: string | undefined): DayRange {
  const days = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  if ((from && !isDay(from)) || (to && !isDay(to))) return { ok: false, days, problem: 'badDate' };
  if (from && to && from > to) return { ok: false, days, problem: 'dateOrder' };
  return {
    ok: true,
    days,
    instants: {
      ...(from ? { from: startOfVietnamDay(from).toISOString() } : {}),
      ...(to ? { to: new Date(startOfVietnamDay(to).getTime() + DAY_MS - 1).toISOString() } : {}),
    },
  };
}

/** The Vietnam day of an ISO instant a form carried, for the date picker it came from. */
export const dayOf = (instant: string | undefined) =>
  instant && !Number.isNaN(Date.parse(instant)) ? vietnamDay(new Date(instant)) : undefined;
