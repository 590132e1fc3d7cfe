const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** ISO 8601 instant -> yyyyMMddHHmmss on the wall clock of Asia/Ho_Chi_Minh (UTC+7, no DST). */
export function toNationalTimestamp(isoInstant: string | Date): string {
  const instant = typeof isoInstant === 'string' ? new Date(isoInstant) : isoInstant;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not a time: ${String(isoInstant)}`);
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/** yyyyMMddHHmmss in Vietnam time -> ISO 8601 with the +07:00 offset. */
export function fromNationalTimestamp(timestamp: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp);
  if (!match) throw new RangeError(`not a national timestamp: ${timestamp}`);
  const [, year, month, day, hour, minute, second] = match;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}+07:00`;
}
