import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BackupSummary } from '../../../shared/backup';
import { backupReasonNames } from '../../../shared/backup';
import { DomainError } from '../../../shared/result';
import { createLogger } from '../../../shared/logger';
import type { OpenOptions } from '../db/connection';
import { readManifest } from '../backup/manifest';
import { summaryOf } from '../backup/backupService';
import { sha256Of } from '../backup/writeBackup';
import { verifyBackupFile } from '../backup/verifyBackup';

const log = createLogger('restore');

/**
 * Written when a backup has been put in place and removed once the terminal's own operations
 * after it are back from head office: until then the terminal does not sell, so no new operation
 * can take a seq head office already holds.
 */
export const RESTORE_PENDING_FILE = 'restore-pending.json';

const pendingSchema = z.strictObject({
  restoredFrom: z.strictObject({
    file: z.string().max(200),
    createdAt: z.string().max(40),
    reason: z.enum(backupReasonNames),
    terminalName: z.string().max(200).nullable(),
    outboxSeq: z.number().int().min(0),
    ackedSeq: z.number().int().min(0),
    sales: z.number().int().min(0),
  }),
  restoredAt: z.string().max(40),
});

export function readRestorePending(dataDir: string): BackupSummary | null {
  const file = path.join(dataDir, RESTORE_PENDING_FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data.restoredFrom;
  } catch {
    // Unreadable: still pending, described by what little is known.
  }
  return {
    file: 'unknown',
    createdAt: new Date(0).toISOString(),
    reason: 'manual',
    terminalName: null,
    outboxSeq: 0,
    ackedSeq: 0,
    sales: 0,
  };
}

export function clearRestorePending(dataDir: string): void {
  rmSync(path.join(dataDir, RESTORE_PENDING_FILE), { force: true });
}

export interface RestoreFileOptions {
  dataDir: string;
  ledgerFile: string;
  backupFile: string;
  ledgerOptions: OpenOptions;
  now: () => number;
  /** IT may restore a copy without its manifest (`npm run restore -- --from FILE --unverified`). */
  allowWithoutManifest?: boolean;
}

/**
 * Puts a backup in place of the ledger, never trusting it blindly:
 * - the copy must match the SHA-256 its manifest recorded, and pass the same checks again
 *   (integrity_check, the append-only tables' digests) as a copy in the data folder;
 * - the damaged ledger and its WAL are moved aside into `damaged-<time>/`, never deleted (and an
 *   old WAL must never be replayed over the restored file);
 * - the restore stays pending until head office has given back what it holds (resync.ts).
 */
export async function restoreLedgerFile(options: RestoreFileOptions): Promise<BackupSummary> {
  const manifest = readManifest(options.backupFile);
  if (!manifest && !options.allowWithoutManifest)
    throw new DomainError(
      'backup_not_found',
      `${path.basename(options.backupFile)} has no verified manifest beside it.`,
    );
  if (manifest && (await sha256Of(options.backupFile)) !== manifest.sha256)
    throw new DomainError(
      'backup_failed',
      `${manifest.file} has changed since it was verified; choose another backup.`,
    );
  mkdirSync(options.dataDir, { recursive: true });
  const restoring = `${options.ledgerFile}.restoring`;
  removeWithSidecars(restoring);
  copyFileSync(options.backupFile, restoring);
  let facts;
  try {
    facts = await verifyBackupFile({
      backupFile: restoring,
      ledgerOptions: options.ledgerOptions,
      ...(manifest ? { expected: manifest.appendOnly } : {}),
    });
  } catch (error) {
    removeWithSidecars(restoring);
    throw new DomainError(
      'backup_failed',
      `The backup did not pass its check: ${error instanceof Error ? error.message : String(error)}`.slice(
        0,
        500,
      ),
    );
  }
  const now = new Date(options.now()).toISOString();
  const aside = path.join(options.dataDir, `damaged-${now.replace(/[-:.]/g, '')}`);
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const file = `${options.ledgerFile}${suffix}`;
    if (!existsSync(file)) continue;
    mkdirSync(aside, { recursive: true });
    renameSync(file, path.join(aside, path.basename(file)));
  }
  renameSync(restoring, options.ledgerFile);
  const restoredFrom: BackupSummary = manifest
    ? summaryOf(manifest)
    : {
        file: path.basename(options.backupFile),
        createdAt: now,
        reason: 'manual',
        terminalName: facts.terminalName,
        outboxSeq: facts.outboxSeq,
        ackedSeq: facts.ackedSeq,
        sales: facts.appendOnly.sale?.rows ?? 0,
      };
  writeFileSync(
    path.join(options.dataDir, RESTORE_PENDING_FILE),
    `${JSON.stringify({ restoredFrom, restoredAt: now }, null, 2)}\n`,
    { mode: 0o600 },
  );
  log.info(`ledger restored from ${restoredFrom.file}`, {
    movedAside: existsSync(aside) ? aside : null,
  });
  return restoredFrom;
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
