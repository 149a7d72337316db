import { z } from 'zod';

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

export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `atMs`, read back from the wall clock it shows then. */
function offsetMs(atMs: number, timeZone: string): number {
  let f = clockFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    clockFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(atMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(atMs / 1000) * 1000;
}

/**
 * The instant a calendar day begins in a zone (the same rule as the terminal's shopTime; kept
 * here too because head office must not import the terminal's core).
 */
export function dayStartIso(date: string, timeZone: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00.000Z`);
  // Twice: the offset at the first guess may differ on a night the clocks change.
  const guess = midnightUtc - offsetMs(midnightUtc, timeZone);
  return new Date(midnightUtc - offsetMs(guess, timeZone)).toISOString();
}

/** The calendar date it is at `nowMs` in a zone: "as of today" where the admin sits. */
export function todayIn(nowMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(nowMs));
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
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
