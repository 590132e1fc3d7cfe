import calendarFile from '../../config/working-calendar.json' with { type: 'json' };
import { workingCalendarSchema } from '../../contracts/working-calendar';
import { createWorkingCalendar, type WorkingCalendar } from '../core/working-calendar';

/**
 * The working calendar administrators maintain in config/working-calendar.json, bundled with
 * each function: a malformed file fails at cold start with the zod issue paths, not later.
 */
export function loadWorkingCalendar(data: unknown = calendarFile): WorkingCalendar {
  return createWorkingCalendar(workingCalendarSchema.parse(data));
}
