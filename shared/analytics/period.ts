import { z } from 'zod';
import { addCalendarDays, isTimeZone, zonedDate, zonedDayStartIso } from '../zonedTime';

/**
 * The period a manager looks at: whole calendar days, inclusive, in the shop's time zone. Rows
 * are stamped in UTC ISO text (always `toISOString()`'s 24 characters), so a period becomes two
 * instants, [startIso, endIso), that compare correctly as text in SQLite and as timestamps in
 * PostgreSQL.
 */

/** Longest period a report covers: two years and a leap day, so "this year vs last" fits. */
export const MAX_PERIOD_DAYS = 731;
const DAY_MS = 86_400_000;

const calendarDate = z.iso
  .date({ message: 'must be a date (YYYY-MM-DD)' })
  .refine(
    (date) => date >= '2000-01-01' && date <= '2099-12-31',
    'must be between 2000-01-01 and 2099-12-31',
  );

/** From and to, inclusive. Refines the order and the length so a refusal names the field. */
export const periodFields = { from: calendarDate, to: calendarDate };

export function checkPeriod(period: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (period.from > period.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    return;
  }
  if (daysBetween(period.from, period.to) + 1 > MAX_PERIOD_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `a period covers at most ${MAX_PERIOD_DAYS} days`,
    });
  }
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export { addCalendarDays, isTimeZone };

/**
 * The instant a calendar day begins in a zone: the same rule as the terminal's shopTime, both
 * from shared/zonedTime.
 */
export function dayStartIso(date: string, timeZone: string): string {
  return zonedDayStartIso(date, timeZone);
}

/** The calendar date it is at `nowMs` in a zone: "as of today" where the admin sits. */
export function todayIn(nowMs: number, timeZone: string): string {
  return zonedDate(nowMs, timeZone);
}

export interface PeriodBounds {
  from: string;
  to: string;
  /** First instant of `from`, inclusive. */
  startIso: string;
  /** First instant of the day after `to`, exclusive: "as of the period end". */
  endIso: string;
}

export function periodBounds(from: string, to: string, timeZone: string): PeriodBounds {
  return {
    from,
    to,
    startIso: dayStartIso(from, timeZone),
    endIso: dayStartIso(addCalendarDays(to, 1), timeZone),
  };
}

/** Each day of the period with its own [start, end): the liability series is one value per day. */
export function periodDays(
  bounds: { from: string; to: string },
  timeZone: string,
): { date: string; startIso: string; endIso: string }[] {
  const days: { date: string; startIso: string; endIso: string }[] = [];
  let start = dayStartIso(bounds.from, timeZone);
  for (let date = bounds.from; date <= bounds.to; date = addCalendarDays(date, 1)) {
    const end = dayStartIso(addCalendarDays(date, 1), timeZone);
    days.push({ date, startIso: start, endIso: end });
    start = end;
  }
  return days;
}

/** The windows "active" is measured over, ending at the period end. */
export const ACTIVE_WINDOWS = [30, 90, 365] as const;

/** The instant `days` × 24 h before the period end. */
export function windowStartIso(endIso: string, days: number): string {
  return new Date(Date.parse(endIso) - days * DAY_MS).toISOString();
}
