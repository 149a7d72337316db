const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Today's calendar date "YYYY-MM-DD" and ISO weekday (1 = Monday) in the shop's time zone. */
export function shopToday(
  timeZone: string | undefined,
  now: Date = new Date(),
): {
  date: string;
  weekday: number;
} {
  const zone = timeZone ? { timeZone } : {};
  const date = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...zone,
  }).format(now);
  const day = new Intl.DateTimeFormat('en-US', { weekday: 'short', ...zone }).format(now);
  return { date, weekday: weekdays[day] ?? 1 };
}
