import { zonedDayStartIso } from '../zonedTime';

/**
 * Calendar months ('YYYY-MM') in the analyst's time zone: the periods cohorts, churn and repeat
 * rate are counted in. A month becomes two instants [startIso, endIso), as a period does
 * (shared/analytics/period.ts), so SQL compares them with the sales' ISO text.
 */
export const MONTH_PATTERN = /^(20\d\d)-(0[1-9]|1[0-2])$/;

/** The month n months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` (0 when equal; negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return ty * 12 + tm - (fy * 12 + fm);
}

/** Every month from `from` to `to`, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const n = monthsBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addMonths(from, i));
}

export interface MonthBounds {
  month: string;
  startIso: string;
  endIso: string;
}

/** Each month's [start, end) instants in the zone. */
export function monthBounds(months: readonly string[], timeZone: string): MonthBounds[] {
  return months.map((month) => ({
    month,
    startIso: zonedDayStartIso(`${month}-01`, timeZone),
    endIso: zonedDayStartIso(`${addMonths(month, 1)}-01`, timeZone),
  }));
}
