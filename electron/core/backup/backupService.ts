import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { BackupSettingsView, BackupSummary } from '../../../shared/backup';
import { DomainError } from '../../../shared/result';
import { createLogger } from '../../../shared/logger';
import type { OpenOptions } from '../db/connection';
import {
  backupFolderOf,
  readBackupSettings,
  writeBackupSettings,
  type BackupSettings,
} from './backupSettings';
import type { BackupManifest, BackupReason } from './manifest';
import { listVerifiedBackups } from './rotation';
import { writeVerifiedBackup } from './writeBackup';

const log = createLogger('backup');
const HOUR_MS = 3_600_000;

export interface BackupServices {
  view(): BackupSettingsView;
  /** A manager's choice of folder and interval; the folder must take a file. */
  configure(settings: BackupSettings): BackupSettingsView;
  /** Takes a backup now and waits for it to be verified. */
  runNow(reason: BackupReason): Promise<BackupManifest>;
  /**
   * Takes one beside the sales after a shift or a day closes, once automatic backups are on (a
   * running terminal's services turn them on; a bare core in a test does not); a failure is logged.
   */
  request(reason: BackupReason): void;
  /** Turns automatic backups on, every N hours too; returns the function that stops them. */
  startAutomatic(): () => void;
}

export interface BackupServiceOptions {
  db: Database.Database;
  dataDir: string;
  ledgerFile: string;
  ledgerOptions: OpenOptions;
  now: () => number;
  builtDir?: string;
}

export const summaryOf = (manifest: BackupManifest): BackupSummary => ({
  file: manifest.file,
  createdAt: manifest.createdAt,
  reason: manifest.reason,
  terminalName: manifest.terminalName,
  outboxSeq: manifest.outboxSeq,
  ackedSeq: manifest.ackedSeq,
  sales: manifest.appendOnly.sale?.rows ?? 0,
});

/**
 * The terminal's backups: one at a time, never on the sale path (the copy steps between sales and
 * the check runs on a thread of its own). A request while one runs is folded into it.
 */
export function createBackupServices(options: BackupServiceOptions): BackupServices {
  let running: Promise<BackupManifest> | null = null;
  let lastFailure: string | null = null;
  let automatic = false;

  const take = (reason: BackupReason): Promise<BackupManifest> => {
    if (running) return running;
    const settings = readBackupSettings(options.dataDir);
    running = writeVerifiedBackup(
      options.db,
      {
        folder: backupFolderOf(options.dataDir, settings),
        ledgerFile: options.ledgerFile,
        ledgerOptions: options.ledgerOptions,
        now: options.now,
        ...(options.builtDir ? { builtDir: options.builtDir } : {}),
      },
      reason,
    )
      .then((manifest) => {
        lastFailure = null;
        log.info(`backup verified: ${manifest.file}`, { reason, bytes: manifest.bytes });
        return manifest;
      })
      .catch((error: unknown) => {
        lastFailure = error instanceof Error ? error.message : String(error);
        log.error('backup failed', { reason, error: lastFailure });
        throw error;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const view = (): BackupSettingsView => {
    const settings = readBackupSettings(options.dataDir);
    const folder = backupFolderOf(options.dataDir, settings);
    const newest = listVerifiedBackups(folder)[0];
    return {
      folder,
      chosen: settings.folder !== null,
      everyHours: settings.everyHours,
      newest: newest ? summaryOf(newest.manifest) : null,
      lastFailure,
    };
  };

  return {
    view,
    configure(settings) {
      if (settings.folder !== null) refuseUnusableFolder(settings.folder);
      writeBackupSettings(options.dataDir, settings);
      return view();
    },
    runNow: take,
    request(reason) {
      if (!automatic) return;
      // After the closing transaction has committed and its answer has gone back.
      setImmediate(() => take(reason).catch(() => undefined));
    },
    startAutomatic() {
      automatic = true;
      // Checked every few minutes against the newest backup, so a changed interval or a
      // terminal that slept takes effect without a restart.
      const tick = () => {
        const settings = readBackupSettings(options.dataDir);
        if (settings.everyHours === 0 || running) return;
        const newest = listVerifiedBackups(backupFolderOf(options.dataDir, settings))[0];
        const due = newest
          ? Date.parse(newest.manifest.createdAt) + settings.everyHours * HOUR_MS
          : 0;
        if (options.now() >= due) take('scheduled').catch(() => undefined);
      };
      const timer = setInterval(tick, 5 * 60_000);
      timer.unref?.();
      return () => {
        automatic = false;
        clearInterval(timer);
      };
    },
  };
}

/** A folder a backup can be written to: absolute, and it takes a file. */
function refuseUnusableFolder(folder: string): void {
  if (!path.isAbsolute(folder))
    throw new DomainError('backup_folder_unusable', 'Give the backup folder as a full path.', {
      field: 'folder',
    });
  const probe = path.join(folder, `.loyalty-backup-probe-${process.pid}`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(probe, 'probe');
    rmSync(probe);
  } catch {
    throw new DomainError(
      'backup_folder_unusable',
      'The terminal cannot write to that folder. Check the drive is plugged in and writable.',
      { field: 'folder' },
    );
  }
}
