import type Database from 'better-sqlite3-multiple-ciphers';
import { openLedger, type OpenOptions } from '../db/connection';
import {
  appendOnlyTables,
  digestAppendOnly,
  lastKeys,
  rowCounts,
  type TableDigest,
} from './appendOnlyTables';

/** What a verified backup holds, as its manifest records it. */
export interface BackupFacts {
  schemaVersion: number;
  terminalId: string | null;
  terminalName: string | null;
  outboxSeq: number;
  ackedSeq: number;
  rowCounts: Record<string, number>;
  appendOnly: Record<string, TableDigest>;
}

export interface VerifyRequest {
  backupFile: string;
  /** The live ledger the backup was taken from; its append-only rows are compared. */
  sourceFile?: string;
  /** Each append-only table's last key in the source when the backup completed. */
  sourceLastKeys?: Record<string, number>;
  /**
   * Make the copy here first, from `sourceFile`, with VACUUM INTO on this thread's own connection
   * (a consistent snapshot, encrypted with the ledger's key by the SQLCipher build), for a ledger
   * the online backup API cannot copy (an encrypted one into an unkeyed file).
   */
  copyFromSource?: boolean;
  /** Digests a manifest recorded: the backup must still match them (a restore). */
  expected?: Record<string, TableDigest>;
  ledgerOptions: OpenOptions;
}

/** The backup failed a check; it must not be kept or offered. */
export class BackupVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupVerificationError';
  }
}

const noPause = () => Promise.resolve();

/**
 * Opens a backup the way the terminal opens its ledger (openLedger, with the same options: the
 * same key once the ledger is encrypted) and checks it: SQLite's full integrity_check, each
 * append-only table ending where the source's did when the backup completed, and the digest of
 * those rows equal on both sides. Runs off the sale path (backupThread.ts) or where nothing sells
 * (a restore).
 */
export async function verifyBackupFile(request: VerifyRequest): Promise<BackupFacts> {
  if (request.copyFromSource && request.sourceFile) {
    const source = openLedger(request.sourceFile, request.ledgerOptions);
    try {
      source.prepare('VACUUM INTO ?').run(request.backupFile);
    } finally {
      source.close();
    }
  }
  try {
    return await checkBackup(request);
  } catch (error) {
    if (error instanceof BackupVerificationError) throw error;
    // SQLite reports a damaged page as it reads it: the copy is unusable all the same.
    throw new BackupVerificationError(`The backup cannot be read: ${String(error)}`);
  }
}

async function checkBackup(request: VerifyRequest): Promise<BackupFacts> {
  let backup: Database.Database;
  try {
    backup = openLedger(request.backupFile, request.ledgerOptions);
  } catch (error) {
    throw new BackupVerificationError(`The backup cannot be opened: ${String(error)}`);
  }
  try {
    const problems = integrityProblems(backup, 'integrity_check');
    if (problems.length > 0)
      throw new BackupVerificationError(
        `The backup fails SQLite's integrity check: ${problems.slice(0, 3).join('; ')}`,
      );
    const keys = lastKeys(backup);
    if (request.sourceLastKeys) {
      for (const table of appendOnlyTables) {
        if (keys[table.name] !== request.sourceLastKeys[table.name])
          throw new BackupVerificationError(
            `The backup's ${table.name} ends at ${keys[table.name]}, the ledger's at ${request.sourceLastKeys[table.name]}.`,
          );
      }
    }
    const digests = await digestAppendOnly(backup, keys, noPause);
    if (request.expected) compareDigests(digests, request.expected, 'its manifest');
    if (request.sourceFile) {
      const source = openLedger(request.sourceFile, request.ledgerOptions);
      try {
        compareDigests(digests, await digestAppendOnly(source, keys, noPause), 'the ledger');
      } finally {
        source.close();
      }
    }
    return { ...describeLedger(backup), rowCounts: rowCounts(backup), appendOnly: digests };
  } finally {
    backup.close();
  }
}

function compareDigests(
  backup: Record<string, TableDigest>,
  other: Record<string, TableDigest>,
  what: string,
): void {
  for (const table of appendOnlyTables) {
    const mine = backup[table.name];
    const theirs = other[table.name];
    if (!mine || !theirs || mine.rows !== theirs.rows || mine.sha256 !== theirs.sha256)
      throw new BackupVerificationError(
        `The backup's ${table.name} rows (${mine?.rows ?? 0}) do not match ${what}'s (${theirs?.rows ?? 0}).`,
      );
  }
}

/** SQLite's own check of a ledger: [] when it is sound. */
export function integrityProblems(
  db: Database.Database,
  check: 'integrity_check' | 'quick_check',
): string[] {
  const rows = db.pragma(check) as Record<string, string>[];
  const messages = rows.map((row) => String(Object.values(row)[0]));
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

function describeLedger(db: Database.Database) {
  const terminal = db
    .prepare('SELECT terminal_id, terminal_name FROM terminal WHERE id = 1')
    .get() as { terminal_id: string; terminal_name: string } | undefined;
  const outbox = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM outbox').get() as {
    seq: number;
  };
  const acked = db
    .prepare('SELECT coalesce(max(seq), 0) AS seq FROM outbox WHERE acked_at IS NOT NULL')
    .get() as { seq: number };
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    terminalId: terminal?.terminal_id ?? null,
    terminalName: terminal?.terminal_name ?? null,
    outboxSeq: outbox.seq,
    ackedSeq: acked.seq,
  };
}
