import { describe, expect, it } from 'vitest';
import { workingCalendarSchema } from '../../../contracts/working-calendar';
import { loadWorkingCalendar } from '../../../functions/wiring/working-calendar';
import { testCalendar } from '../../support/scorecard-dossiers';

/** The tests' 2025 calendar: Monday 7 April and Friday 2 May off, Saturday 26 April worked. */
const calendar = testCalendar;
const at = (iso: string) => new Date(iso);

describe('working calendar', () => {
  it('knows weekends, holidays and worked weekend days', () => {
    expect(calendar.isWorkingDay('2025-04-04')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2025-04-05')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2025-04-07')).toBe(false); // holiday Monday
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true); // Saturday worked for 2 May
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('adds working days across a holiday weekend, keeping the Vietnam wall-clock time', () => {
    // Friday 10:00 in Vietnam + 1 working day = Tuesday 10:00 (Monday is a holiday).
    expect(calendar.addWorkingDays(at('2025-04-04T10:00:00+07:00'), 1).toISOString()).toBe(
      '2025-04-08T03:00:00.000Z',
    );
    // Late evening in Vietnam is already the next UTC day's morning: the Vietnam day counts.
    expect(calendar.addWorkingDays(at('2025-04-03T23:30:00+07:00'), 1).toISOString()).toBe(
      '2025-04-04T16:30:00.000Z',
    );
    expect(calendar.addWorkingDays(at('2025-04-04T10:00:00+07:00'), 0).toISOString()).toBe(
      '2025-04-04T03:00:00.000Z',
    );
  });

  it('counts working days between two instants', () => {
    expect(
      calendar.workingDaysBetween(at('2025-04-04T10:00:00+07:00'), at('2025-04-08T09:00:00+07:00')),
    ).toBe(1);
    expect(
      calendar.workingDaysBetween(at('2025-04-08T09:00:00+07:00'), at('2025-04-04T10:00:00+07:00')),
    ).toBe(0);
    expect(
      calendar.workingDaysBetween(at('2025-04-25T09:00:00+07:00'), at('2025-04-28T09:00:00+07:00')),
    ).toBe(2);
  });
});

describe('the shipped calendar file', () => {
  it('is valid and covers the public holidays it names', () => {
    const shipped = loadWorkingCalendar();
    expect(shipped.isWorkingDay('2025-09-02')).toBe(false);
    expect(shipped.isWorkingDay('2026-02-17')).toBe(false);
    expect(shipped.coversThrough >= '2026-12-31').toBe(true);
  });

  it('refuses a day listed both as a holiday and as a worked weekend day, naming where', () => {
    const result = workingCalendarSchema.safeParse({
      version: 'x',
      coversThrough: '2025-12-31',
      workingWeekdays: [1, 2, 3, 4, 5],
      holidays: [{ date: '2025-04-26', name: 'a' }],
      workingWeekendDays: [{ date: '2025-04-26', name: 'b' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['workingWeekendDays', 0, 'date']);
    expect(() =>
      loadWorkingCalendar({ version: 'x', holidays: [{ date: '2025-02-30', name: 'x' }] }),
    ).toThrow(/coversThrough|holidays/);
  });
});
