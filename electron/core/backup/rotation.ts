import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { manifestFileFor, readManifest, type BackupManifest } from './manifest';

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

export interface ListedBackup {
  /** Full path of the backup file. */
  path: string;
  manifest: BackupManifest;
}

const BACKUP_NAME = /^ledger-[0-9TZ-]+-[a-z_]+\.sqlite3$/;

/** The verified backups in a folder (a manifest that parses and names its file), newest first. */
export function listVerifiedBackups(folder: string): ListedBackup[] {
  if (!existsSync(folder)) return [];
  const listed: ListedBackup[] = [];
  for (const name of readdirSync(folder)) {
    if (!BACKUP_NAME.test(name)) continue;
    const file = path.join(folder, name);
    const manifest = readManifest(file);
    if (manifest && manifest.file === name) listed.push({ path: file, manifest });
  }
  return listed.sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt));
}

/**
 * Deletes what the policy does not keep, with its manifest, and any copy that never finished
 * (`.partial`, a backup without a manifest). Call it only between backups: it would take the
 * partial file of one still being written.
 */
export function rotateBackups(
  folder: string,
  policy: RotationPolicy = DEFAULT_ROTATION,
  dayOf?: (iso: string) => number,
): { kept: number; removed: string[] } {
  const verified = listVerifiedBackups(folder);
  const keep = backupsToKeep(
    verified.map((b) => ({ file: b.path, createdAt: b.manifest.createdAt })),
    policy,
    dayOf,
  );
  const removed: string[] = [];
  for (const backup of verified) {
    if (keep.has(backup.path)) continue;
    rmSync(manifestFileFor(backup.path), { force: true });
    rmSync(backup.path, { force: true });
    removed.push(path.basename(backup.path));
  }
  const verifiedNames = new Set(verified.map((b) => path.basename(b.path)));
  for (const name of readdirSync(folder)) {
    const unfinished =
      name.endsWith('.partial') || (BACKUP_NAME.test(name) && !verifiedNames.has(name));
    if (!name.startsWith('ledger-') || !unfinished) continue;
    rmSync(path.join(folder, name), { force: true });
    removed.push(name);
  }
  return { kept: keep.size, removed };
}
