/**
 * Calendar facts in the shop's time zone: promotions, birthdays and tier reviews follow the
 * shop's day, not UTC's.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

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

function computeShopDay(nowMs: number, timeZone: string): ShopDay {
  const parts = formatter(timeZone).formatToParts(new Date(nowMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: weekdays[get('weekday')] ?? 1,
  };
}

export function addDaysIso(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
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
 * The instant (ISO, UTC) at which the shop's calendar day `date` ("YYYY-MM-DD") begins. Rows are
 * stamped in UTC, so "issued this year" or "won since the review" must compare against this,
 * not against the date string: in Hong Kong, 1 January starts at 16:00 UTC on 31 December.
 */
export function shopDayStartIso(date: string, timeZone: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00.000Z`);
  // Twice: the offset at the first guess may differ (a DST change on that night).
  const guess = midnightUtc - offsetMs(midnightUtc, timeZone);
  return new Date(midnightUtc - offsetMs(guess, timeZone)).toISOString();
}
