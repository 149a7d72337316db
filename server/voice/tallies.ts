/**
 * How the voice dashboard reads its tallies (migration 0023): a range of whole UTC days is the
 * whole months inside it, read as month rows, and the days before and after them, read as day
 * rows. Both grains count every row once, so the sum over that split is the sum over the days.
 */

const DAY_MS = 86_400_000;

const dayAt = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

export const nextDay = (day: string): string => dayAt(msOf(day) + DAY_MS);

/** The first day of the month after `day`'s, or `day` itself when it starts a month. */
function monthStartOnOrAfter(day: string): string {
  if (day.endsWith('-01')) return day;
  const d = new Date(msOf(day));
  return dayAt(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** The first day of `day`'s month. */
const monthStartOf = (day: string): string => `${day.slice(0, 7)}-01`;

/**
 * [from, to] (inclusive days) as month rows in [monthFrom, monthUntil) and day rows in
 * [fromDay, monthFrom) and [monthUntil, untilDay); without a whole month, both month bounds are
 * untilDay. `months: false` reads days only (a trend by week).
 */
export interface TallyPeriods {
  fromDay: string;
  untilDay: string;
  monthFrom: string;
  monthUntil: string;
}

export function tallyPeriods(from: string, to: string, months = true): TallyPeriods {
  const untilDay = nextDay(to);
  const monthFrom = monthStartOnOrAfter(from);
  const monthUntil = monthStartOf(untilDay);
  if (!months || monthFrom >= monthUntil) {
    return { fromDay: from, untilDay, monthFrom: untilDay, monthUntil: untilDay };
  }
  return { fromDay: from, untilDay, monthFrom, monthUntil };
}

/** The periods as four bound values, in this order, for `inTallyPeriods`. */
export const tallyPeriodValues = (p: TallyPeriods): string[] => [
  p.fromDay,
  p.untilDay,
  p.monthFrom,
  p.monthUntil,
];

/**
 * The WHERE clause over a tally's grain and period, its four bounds the parameters from `$first`
 * on. Numbers are ours, never input.
 */
export function inTallyPeriods(first: number): string {
  const [from, until, monthFrom, monthUntil] = [0, 1, 2, 3].map((i) => `$${first + i}::date`);
  return `((grain = 'month' AND period >= ${monthFrom} AND period < ${monthUntil})
    OR (grain = 'day' AND period >= ${from} AND period < ${monthFrom})
    OR (grain = 'day' AND period >= ${monthUntil} AND period < ${until}))`;
}
