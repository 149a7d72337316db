/**
 * Which backups to keep, for the terminal's ledger copies and head office's PGlite dumps alike.
 * Pure: the rule is tested on its own.
 */
/** How many backups are kept: the newest of each of the last 7 days and of the last 4 weeks. */
export interface RotationPolicy {
  daily: number;
  weekly: number;
}
export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4 };

export interface DatedBackup {
  file: string;
  createdAt: string;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 in the shop's day (UTC unless a day function is given). */
const utcDay = (iso: string): number => Math.floor(Date.parse(iso) / DAY_MS);
/** Monday-based weeks: 1970-01-01 was a Thursday, three days into its week. */
const weekOf = (day: number): number => Math.floor((day + 3) / 7);

/**
 * Which backups to keep: the newest of each of the `daily` most recent days that have one, and
 * the newest of each of the `weekly` most recent weeks; the newest backup always stays. Pure, so
 * the rule is tested on its own; `dayOf` puts a time into the shop's day.
 */
export function backupsToKeep<T extends DatedBackup>(
  backups: readonly T[],
  policy: RotationPolicy = DEFAULT_ROTATION,
  dayOf: (iso: string) => number = utcDay,
): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  const days = new Set<number>();
  const weeks = new Set<number>();
  for (const backup of newestFirst) {
    const day = dayOf(backup.createdAt);
    const week = weekOf(day);
    if (!days.has(day) && days.size < policy.daily) {
      days.add(day);
      keep.add(backup.file);
    }
    if (!weeks.has(week) && weeks.size < policy.weekly) {
      weeks.add(week);
      keep.add(backup.file);
    }
  }
  if (newestFirst[0]) keep.add(newestFirst[0].file);
  return keep;
}
