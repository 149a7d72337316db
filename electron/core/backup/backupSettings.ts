import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Where backups go and how often, kept in a small file in the data folder rather than in the
 * ledger: a terminal whose ledger is lost must still find its backups.
 */
export const BACKUP_SETTINGS_FILE = 'backup-settings.json';
export const DEFAULT_BACKUP_FOLDER = 'backups';
export const DEFAULT_EVERY_HOURS = 4;
export const MAX_EVERY_HOURS = 168;

const stored = z.strictObject({
  /** An absolute folder the manager chose; null for `<data>/backups`. */
  folder: z.string().min(1).max(1000).nullable(),
  /** Hours between scheduled backups; 0 for none (shift and Z closes still take one). */
  everyHours: z.number().int().min(0).max(MAX_EVERY_HOURS),
});
export type BackupSettings = z.infer<typeof stored>;

const defaults: BackupSettings = { folder: null, everyHours: DEFAULT_EVERY_HOURS };

export function readBackupSettings(dataDir: string): BackupSettings {
  const file = path.join(dataDir, BACKUP_SETTINGS_FILE);
  if (!existsSync(file)) return defaults;
  try {
    const parsed = stored.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : defaults;
  } catch {
    return defaults;
  }
}

export function writeBackupSettings(dataDir: string, settings: BackupSettings): void {
  const file = path.join(dataDir, BACKUP_SETTINGS_FILE);
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify(stored.parse(settings), null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
}

/** The folder backups are written to. */
export function backupFolderOf(dataDir: string, settings: BackupSettings): string {
  return settings.folder ?? path.join(dataDir, DEFAULT_BACKUP_FOLDER);
}
