const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** An instant as ISO 8601 on the Vietnam wall clock with its offset: 2025-03-14T08:30:00+07:00. */
export function toVietnamIso(instant: Date): string {
  return `${new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** The Vietnam calendar day of an instant, yyyy-MM-dd. */
export function vietnamDay(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of a Vietnam calendar day (yyyy-MM-dd). */
export function startOfVietnamDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+07:00`));
}

/** Money as Vietnamese readers write it: 1.250.000 ₫ (DOMAIN.md). */
export function formatVnd(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}
