/**
 * Zone arithmetic shared by the terminal and head office: what the shop's wall clock reads at
 * an instant, the zone's offset then, and the instant a calendar day begins. Pure, so it lives
 * in shared/ and both sides compute days, periods and report times by one rule.
 */

const DAY_MS = 86_400_000;

/** One formatter per zone: building an Intl formatter costs far more than using one. */
const wallFormatters = new Map<string, Intl.DateTimeFormat>();

function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = wallFormatters.get(timeZone);
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
    wallFormatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at `atMs`, as if it were UTC (ms, whole seconds). */
export function wallClockMs(atMs: number, timeZone: string): number {
  const parts = wallFormatter(timeZone).formatToParts(new Date(atMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    // Some runtimes print midnight as "24" even with h23; it is hour 0 of the same day.
    get('hour') % 24,
    get('minute'),
    get('second'),
  );
}

/** The zone's offset from UTC at `atMs` in ms (Hong Kong: +8 h). */
export function zoneOffsetMs(atMs: number, timeZone: string): number {
  return wallClockMs(atMs, timeZone) - Math.floor(atMs / 1000) * 1000;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    wallFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date ("YYYY-MM-DD") the zone's wall clock shows at `atMs`. */
export function zonedDate(atMs: number, timeZone: string): string {
  return new Date(wallClockMs(atMs, timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant (ISO, UTC) at which calendar day `date` ("YYYY-MM-DD") begins in the zone. Rows
 * are stamped in UTC, so "issued this year" must compare against this, not against the date
 * string: in Hong Kong, 1 January starts at 16:00 UTC on 31 December.
 */
export function zonedDayStartIso(date: string, timeZone: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00.000Z`);
  // Twice: the offset at the first guess may differ (a DST change on that night).
  const guess = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
  return new Date(midnightUtc - zoneOffsetMs(guess, timeZone)).toISOString();
}

/** The Gregorian rule: every fourth year, but not centuries, except every fourth century. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** "YYYY-MM-DD" plus `days` calendar days. */
export function addCalendarDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00.000Z`);
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date ("YYYY-MM-DD") and ISO weekday (1 = Monday) of an instant in a zone. */
export function zonedDay(atMs: number, timeZone: string): { date: string; weekday: number } {
  // The wall clock read as UTC: its UTC date and weekday are the zone's.
  const wall = new Date(wallClockMs(atMs, timeZone));
  return {
    date: wall.toISOString().slice(0, 10),
    weekday: wall.getUTCDay() === 0 ? 7 : wall.getUTCDay(),
  };
}
