import { addCalendarDays } from '../../../../shared/analytics/period';

/** The last 30 days up to today, in a time zone: what the screen opens on. */
export function lastThirtyDays(
  nowMs: number,
  timeZone: string | undefined,
): { from: string; to: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(nowMs));
  return { from: addCalendarDays(parts, -29), to: parts };
}
