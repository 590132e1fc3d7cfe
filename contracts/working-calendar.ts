import * as z from 'zod';
import { calendarDaySchema } from './codes';

const namedDaySchema = z.object({ date: calendarDaySchema, name: z.string().min(1) });

/**
 * The working calendar of state agencies, as data an administrator maintains
 * (config/working-calendar.json): which weekdays are worked, the public holidays, and the
 * weekend days worked in exchange for a bridging day off (ngày làm bù).
 */
export const workingCalendarSchema = z
  .object({
    version: z.string().min(1),
    /** Beyond this day only the weekly pattern is known: deadlines there ignore holidays. */
    coversThrough: calendarDaySchema,
    /** ISO weekdays, Monday 1 to Sunday 7. */
    workingWeekdays: z.array(z.number().int().min(1).max(7)).min(1),
    holidays: z.array(namedDaySchema),
    workingWeekendDays: z.array(namedDaySchema),
  })
  .superRefine((calendar, context) => {
    const holidays = new Set(calendar.holidays.map((holiday) => holiday.date));
    calendar.workingWeekendDays.forEach((day, index) => {
      if (holidays.has(day.date)) {
        context.addIssue({
          code: 'custom',
          path: ['workingWeekendDays', index, 'date'],
          message: `${day.date} là ngày nghỉ lễ / ${day.date} is also listed as a holiday`,
        });
      }
    });
  });

export type WorkingCalendarData = z.infer<typeof workingCalendarSchema>;
