import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { manifestFileFor, readManifest, type BackupManifest } from './manifest';
import {
  backupsToKeep,
  DEFAULT_ROTATION,
  type RotationPolicy,
} from '../../../shared/backupRotation';

export { backupsToKeep, DEFAULT_ROTATION, type RotationPolicy };

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
