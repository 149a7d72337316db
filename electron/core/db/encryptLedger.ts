import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { DomainError } from '../../../shared/result';
import { createLogger } from '../../../shared/logger';
import { cipherPragmas, LEDGER_FILE_MODE, openKeyed, type OpenOptions } from './cipher';
import { refuseNewerLedger } from './migrate';

const log = createLogger('encrypt');

/** The points between the steps below, in order. */
export type EncryptStep = 'checkpointed' | 'copied' | 'keyed' | 'verified' | 'swapped';

export interface EncryptOptions extends OpenOptions {
  /** Tests only: told as each step ends (to damage the copy, or to SIGKILL the process there). */
  onStep?: (step: EncryptStep, copy: string) => void;
}

/** What a ledger holds, table by table: the copy must hold exactly the same. */
type RowCounts = Record<string, number>;

/**
 * Encrypts a plaintext ledger (one written before the terminal had a key) in four steps, each
 * leaving a ledger the terminal can open if the power goes:
 *
 * 1. The plaintext's WAL is folded into it and it leaves WAL mode, so the file stands alone.
 * 2. `VACUUM INTO` writes a copy beside it (`<ledger>.encrypting`, 0600), which is then keyed
 *    in place (`PRAGMA rekey`; SQLite3 Multiple Ciphers encrypts a plain database that way).
 * 3. The copy is opened with the key and verified: integrity_check, the schema version, and the
 *    row count of every table against the plaintext's.
 * 4. Only then is it renamed over the plaintext, which is the plaintext's removal: a rename is
 *    atomic, so a crash leaves one ledger or the other, never neither. A copy left by a crash
 *    before the rename is discarded on the next attempt.
 *
 * A copy that fails verification is removed and the plaintext is left as it was.
 */
export function encryptPlaintextLedger(file: string, options: EncryptOptions): void {
  const copy = `${file}.encrypting`;
  removeLeftovers(copy);
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};

  const plain = new Database(file, { ...binding, fileMustExist: true });
  let expected: { version: number; counts: RowCounts };
  try {
    const version = refuseNewerLedger(plain);
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
    options.onStep?.('checkpointed', copy);
    expected = { version, counts: rowCounts(plain) };
    closeSync(openSync(copy, 'w', LEDGER_FILE_MODE));
    plain.prepare('VACUUM INTO ?').run(copy);
  } finally {
    plain.close();
  }
  options.onStep?.('copied', copy);

  try {
    const keyed = new Database(copy, { ...binding, fileMustExist: true });
    try {
      const [cipher, legacy, key] = cipherPragmas(options.key) as [string, string, string];
      keyed.pragma(cipher);
      keyed.pragma(legacy);
      keyed.pragma(key.replace(/^key/, 'rekey'));
    } finally {
      keyed.close();
    }
    options.onStep?.('keyed', copy);
    verifyCopy(copy, options, expected);
    syncFile(copy);
    options.onStep?.('verified', copy);
  } catch (error) {
    removeLeftovers(copy);
    log.error('the encrypted copy of the ledger failed; the plaintext ledger is kept', {
      error: String(error),
    });
    throw new DomainError(
      'ledger_encryption_failed',
      `The ledger could not be encrypted (${String(error)}). It was left as it was; the terminal tries again at its next start.`,
    );
  }

  // A plaintext WAL beside the encrypted file would be read as its WAL: there must be none.
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) {
    removeLeftovers(copy);
    throw new DomainError(
      'ledger_encryption_failed',
      'The plaintext ledger still has a write-ahead log after it was checkpointed; it was left as it was.',
    );
  }
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  renameSync(copy, file);
  options.onStep?.('swapped', copy);
  syncDirectory(path.dirname(file));
  log.info('the ledger is now encrypted', { tables: Object.keys(expected.counts).length });
}

function verifyCopy(
  copy: string,
  options: OpenOptions,
  expected: { version: number; counts: RowCounts },
): void {
  const db = openKeyed(copy, { ...options, readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') fail(`integrity_check says ${String(integrity)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== expected.version)
      fail(`schema version ${version}, the plaintext's is ${expected.version}`);
    const counts = rowCounts(db);
    const tables = new Set([...Object.keys(counts), ...Object.keys(expected.counts)]);
    for (const table of tables)
      if (counts[table] !== expected.counts[table])
        fail(`table ${table} has ${counts[table]} rows, the plaintext ${expected.counts[table]}`);
  } finally {
    db.close();
  }
}

function fail(reason: string): never {
  throw new Error(`the encrypted copy does not match: ${reason}`);
}

function rowCounts(db: Database.Database): RowCounts {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts: RowCounts = {};
  // Names come from the ledger's own schema, quoted as identifiers.
  for (const table of tables)
    counts[table] = db
      .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number;
  return counts;
}

function removeLeftovers(copy: string): void {
  for (const part of [copy, `${copy}-journal`, `${copy}-wal`, `${copy}-shm`])
    rmSync(part, { force: true });
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the rename durable. Windows cannot open a folder this way; its rename is journaled. */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here (Windows); NTFS journals the rename itself.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
