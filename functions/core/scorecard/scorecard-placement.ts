import type { DaySpan, IndicatorVerdict } from './indicator-verdict';

/**
 * Where a dossier's verdicts are kept so that a period reads only its own (ADR 14, amended):
 * - final verdicts (every one judged without `asOf`) under each Vietnam month their span
 *   touches, so a month reads one partition and nothing older;
 * - a dossier with any provisional verdict (still open) on the open list, from its first day,
 *   its fact sheet judged again at read for the period asked (the backlog the deadline watch
 *   already holds, not the month's 50,000).
 */
export type ScorecardPlacement =
  | { readonly kind: 'final'; readonly months: Readonly<Record<string, readonly IndicatorVerdict[]>> }
  | { readonly kind: 'open'; readonly firstDay: string }
  | { readonly kind: 'none' };

/** yyyy-MM of a day (yyyy-MM-dd). */
export const monthOf = (day: string) => day.slice(0, 7);

function nextMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
}

/** The months from the one of `from` to the one of `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = monthOf(from); month <= monthOf(to); month = nextMonth(month)) months.push(month);
  return months;
}

const monthsOfSpan = (span: DaySpan) => monthsBetween(span.first, span.last ?? span.first);

export function placeVerdicts(verdicts: readonly IndicatorVerdict[]): ScorecardPlacement {
  if (verdicts.length === 0) return { kind: 'none' };
  if (verdicts.some((verdict) => verdict.provisional || verdict.span.last === null)) {
    const firstDay = verdicts.map((verdict) => verdict.span.first).sort()[0] as string;
    return { kind: 'open', firstDay };
  }
  const months: Record<string, IndicatorVerdict[]> = {};
  for (const verdict of verdicts) {
    for (const month of monthsOfSpan(verdict.span)) months[month] = [...(months[month] ?? []), verdict];
  }
  return { kind: 'final', months };
}

/** The month keys a placement occupies: what a later placement of the same dossier must clear. */
export function placedMonths(placement: ScorecardPlacement): string[] {
  return placement.kind === 'final' ? Object.keys(placement.months).sort() : [];
}
