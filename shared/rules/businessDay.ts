import { addCalendarDays, isTimeZone, wallClockMs, zoneOffsetMs } from '../zonedTime';

/**
 * The shop's business day: the calendar day in the shop's time zone, shifted by a day boundary
 * (minutes after midnight). With a 04:00 boundary, a sale rung up at 02:30 on the 23rd belongs
 * to the 22nd, so a bar open past midnight closes one day, not two.
 *
 * Everything is computed on the wall clock the shop sees, so daylight-saving changes move the
 * UTC instants, never the business day. When the boundary falls in a spring-forward gap (02:30
 * on a night that skips from 02:00 to 03:00) the day starts at the first instant after the gap;
 * when it falls twice (an autumn night repeating 01:00–02:00) it starts at the first of the two.
 * Because a day's end is the next day's start, the days tile time with no gap and no overlap.
 */

/** Minutes after local midnight at which a business day starts: 0 (midnight) to 23:59. */
export const MAX_DAY_BOUNDARY_MINUTES = 24 * 60 - 1;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The zone arithmetic underneath lives in shared/zonedTime; these names stay for callers. */
export { addCalendarDays, isTimeZone, zoneOffsetMs };

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date "YYYY-MM-DD" (not 2025-02-30). */
export function isCalendarDate(date: string): boolean {
  const m = isoDate.exec(date);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === date;
}

/** The business day ("YYYY-MM-DD") an instant belongs to. */
export function businessDayOf(atMs: number, timeZone: string, boundaryMinutes: number): string {
  return new Date(wallClockMs(atMs, timeZone) - boundaryMinutes * MINUTE_MS)
    .toISOString()
    .slice(0, 10);
}

/**
 * The first instant (ms) at which the shop's wall clock reads `date` at `minutes` after
 * midnight or later. Offsets a day either side bracket any single DST change around it.
 */
function wallToInstant(date: string, minutes: number, timeZone: string): number {
  const naive = Date.parse(`${date}T00:00:00.000Z`) + minutes * MINUTE_MS;
  const before = zoneOffsetMs(naive - DAY_MS, timeZone);
  const after = zoneOffsetMs(naive + DAY_MS, timeZone);
  const candidates = [naive - before, naive - after]
    .filter((t) => wallClockMs(t, timeZone) === naive)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];
  // In a spring-forward gap: the wall clock jumps past `naive`. Find the jump to the second:
  // before it the clock reads earlier than `naive`, from it on later.
  let low = naive - Math.max(before, after);
  let high = naive - Math.min(before, after);
  while (high - low > 1000) {
    const mid = low + Math.floor((high - low) / 2000) * 1000;
    if (wallClockMs(mid, timeZone) < naive) low = mid;
    else high = mid;
  }
  return high;
}

export interface BusinessDayRange {
  /** The business day, "YYYY-MM-DD". */
  day: string;
  /** First instant of the day, ISO UTC (inclusive). */
  startIso: string;
  /** First instant of the next day, ISO UTC (exclusive). */
  endIso: string;
}

/** The [start, end) UTC range of business day `date`. */
export function businessDayRange(
  date: string,
  timeZone: string,
  boundaryMinutes: number,
): BusinessDayRange {
  const start = wallToInstant(date, boundaryMinutes, timeZone);
  const end = wallToInstant(addCalendarDays(date, 1), boundaryMinutes, timeZone);
  return {
    day: date,
    startIso: new Date(start).toISOString(),
    endIso: new Date(end).toISOString(),
  };
}

/** "HH:MM" for a boundary in minutes, e.g. 240 -> "04:00". */
export function boundaryText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The hour of the shop's wall clock (0–23) at an instant: reports group sales by it. */
export function shopHourOf(atMs: number, timeZone: string): number {
  return new Date(wallClockMs(atMs, timeZone)).getUTCHours();
}
