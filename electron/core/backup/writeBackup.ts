import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { OpenOptions } from '../db/connection';
import { lastKeys } from './appendOnlyTables';
import { writeManifest, type BackupManifest, type BackupReason } from './manifest';
import { rotateBackups, DEFAULT_ROTATION, type RotationPolicy } from './rotation';
import { BackupVerificationError, type BackupFacts, type VerifyRequest } from './verifyBackup';
import type { VerifyAnswer } from './backupThread';

export interface BackupTarget {
  /** The folder the manager chose (a USB stick, a share). */
  folder: string;
  /** The live ledger's path and the options it was opened with (driver build, key). */
  ledgerFile: string;
  ledgerOptions: OpenOptions;
  now: () => number;
  /** The built main bundle's folder, where backupThread.js is; else tsx runs the source. */
  builtDir?: string;
  rotation?: RotationPolicy;
  /** Copy with VACUUM INTO on the check's thread instead of the online backup API (tests). */
  copyOnThread?: boolean;
}

export const BACKUP_THREAD_ENTRY = 'backupThread';

/** `ledger-20261207T093000123Z-shift_close.sqlite3`: sorts by time, says why. */
export function backupFileName(at: number, reason: BackupReason): string {
  const stamp = new Date(at).toISOString().replace(/[-:.]/g, '');
  return `ledger-${stamp}-${reason}.sqlite3`;
}

/**
 * Takes a backup with SQLite's online backup API and keeps it only once verified:
 * - `db.backup` copies the ledger a few pages at a time between sales (it never holds a sale);
 * - the moment it completes, each append-only table's last key is noted: the backup must end there;
 * - a thread of its own opens the copy through openLedger, runs the full integrity_check, counts
 *   the rows and compares the digest of the append-only tables with the live ledger's rows up to
 *   those keys (which never change once written);
 * - then the copy takes its final name, its manifest is written beside it, and old backups rotate.
 * A copy that fails any check is deleted and the error thrown: nothing unverified is ever offered.
 */
export async function writeVerifiedBackup(
  db: Database.Database,
  target: BackupTarget,
  reason: BackupReason,
): Promise<BackupManifest> {
  mkdirSync(target.folder, { recursive: true });
  const createdAt = target.now();
  const name = backupFileName(createdAt, reason);
  const finalPath = path.join(target.folder, name);
  const partial = `${finalPath}.partial`;
  try {
    const copied = target.copyOnThread ? false : await onlineBackup(db, partial);
    // No await between the copy completing and this read: this is the backup point.
    const sourceLastKeys = copied ? lastKeys(db) : undefined;
    const facts = await verifyOffThread(
      {
        backupFile: partial,
        sourceFile: target.ledgerFile,
        ...(sourceLastKeys ? { sourceLastKeys } : { copyFromSource: true }),
        ledgerOptions: target.ledgerOptions,
      },
      target.builtDir,
    );
    renameSync(partial, finalPath);
    const manifest: BackupManifest = {
      format: 1,
      file: name,
      createdAt: new Date(createdAt).toISOString(),
      reason,
      ...facts,
      bytes: statSync(finalPath).size,
      sha256: await sha256Of(finalPath),
      verifiedAt: new Date(target.now()).toISOString(),
    };
    writeManifest(finalPath, manifest);
    rotateBackups(target.folder, target.rotation ?? DEFAULT_ROTATION);
    return manifest;
  } catch (error) {
    rmSync(partial, { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    throw error;
  }
}

/**
 * SQLite's online backup API, a few pages between sales. False when it cannot copy this ledger:
 * SQLite3 Multiple Ciphers refuses to back an encrypted ledger up into a file without its key
 * ("incompatible source and target databases"); the check's thread then makes the copy itself.
 */
async function onlineBackup(db: Database.Database, partial: string): Promise<boolean> {
  try {
    await db.backup(partial);
    return true;
  } catch (error) {
    if (!/incompatible source and target/i.test(String(error))) throw error;
    rmSync(partial, { force: true });
    return false;
  }
}

export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** Runs verifyBackupFile on a thread of its own, which ends when it answers. */
export function verifyOffThread(request: VerifyRequest, builtDir?: string): Promise<BackupFacts> {
  const worker = builtDir
    ? new Worker(pathToFileURL(path.join(builtDir, `${BACKUP_THREAD_ENTRY}.js`)), {
        workerData: request,
      })
    : new Worker(sourceBootstrap(), { eval: true, workerData: request });
  return new Promise<BackupFacts>((resolve, reject) => {
    let answered = false;
    worker.once('message', (answer: VerifyAnswer) => {
      answered = true;
      if ('facts' in answer) resolve(answer.facts);
      else
        reject(
          answer.verification ? new BackupVerificationError(answer.error) : new Error(answer.error),
        );
      void worker.terminate();
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', () => {
      if (!answered) reject(new Error('The backup check stopped before it answered.'));
    });
  });
}

/** Loads tsx's loader in the thread, then the TypeScript entry beside this file. */
function sourceBootstrap(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const entry = pathToFileURL(path.join(here, `${BACKUP_THREAD_ENTRY}.ts`)).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
}
