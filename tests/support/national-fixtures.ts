import type { StatusChange } from '../../contracts/provincial-api';

/** A status change at the desk, `minutes` after 2025-03-14 08:30 Vietnam time. */
export function aStatusChange(
  eventId: string,
  status: StatusChange['status'],
  minutes: number,
): StatusChange {
  const at = new Date(Date.parse('2025-03-14T01:30:00Z') + minutes * 60_000)
    .toISOString()
    .replace('Z', '+00:00');
  return {
    eventId,
    status,
    at,
    handledBy: { name: 'Trần Thị Bình', title: 'Chuyên viên', department: 'Bộ phận một cửa' },
  };
}
