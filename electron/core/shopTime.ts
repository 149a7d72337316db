import { zonedDay, zonedDayStartIso } from '../../shared/zonedTime';

/**
 * Calendar facts in the shop's time zone: promotions, birthdays and tier reviews follow the
 * shop's day, not UTC's. The zone arithmetic itself is shared with head office.
 */

export interface ShopDay {
  /** "YYYY-MM-DD" in the shop's zone. */
  date: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
}

/**
 * The last answer per zone, by whole second: every zone's offset is a whole number of seconds,
 * so a day never changes inside one, and a busy till asks several times a second.
 */
const lastDay = new Map<string, { second: number; day: ShopDay }>();

export function shopDay(nowMs: number, timeZone: string): ShopDay {
  const second = Math.floor(nowMs / 1000);
  const last = lastDay.get(timeZone);
  if (last && last.second === second) return { ...last.day };
  const day = computeShopDay(nowMs, timeZone);
  lastDay.set(timeZone, { second, day });
  return { ...day };
}

const computeShopDay = (nowMs: number, timeZone: string): ShopDay => zonedDay(nowMs, timeZone);

export function addDaysIso(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
}

/**
 * The instant (ISO, UTC) at which the shop's calendar day `date` ("YYYY-MM-DD") begins. Rows are
 * stamped in UTC, so "issued this year" or "won since the review" must compare against this,
 * not against the date string: in Hong Kong, 1 January starts at 16:00 UTC on 31 December.
 */
export function shopDayStartIso(date: string, timeZone: string): string {
  return zonedDayStartIso(date, timeZone);
}
