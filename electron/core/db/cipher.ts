import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { DomainError } from '../../../shared/result';

/** Only the owner reads or writes the ledger and its -wal and -shm (SQLite gives those the ledger's mode). */
export const LEDGER_FILE_MODE = 0o600;

export interface OpenOptions {
  /** The ledger's 32-byte key (TerminalKeys.ledgerKey). */
  key: Buffer;
  /** Path to a better-sqlite3-multiple-ciphers native module built for another ABI (Electron). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * The cipher settings, then the key, as the statements every connection to a ledger runs first
 * (the checkpoint thread runs the same list). SQLCipher 4's format (`legacy = 4`: AES-256-CBC,
 * HMAC-SHA512 per page), keyed with the raw 256-bit key, so no passphrase KDF runs at open.
 */
export function cipherPragmas(key: Buffer): string[] {
  if (key.length !== 32)
    throw new DomainError('terminal_secret_invalid', 'The ledger key must be 32 bytes.');
  // Buffer.from: a key sent to a thread arrives as a plain Uint8Array, whose toString is not hex.
  return ["cipher = 'sqlcipher'", 'legacy = 4', `key = "x'${Buffer.from(key).toString('hex')}'"`];
}

/**
 * Opens a ledger file (the terminal's, or a copy of it such as a backup) with its key, and
 * proves the key by reading the schema: SQLite reads nothing until asked, so a wrong key would
 * otherwise surface as "file is not a database" at the first sale. No pragmas, no migration.
 */
export function openKeyed(file: string, options: OpenOptions): Database.Database {
  const db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
  });
  try {
    for (const pragma of cipherPragmas(options.key)) db.pragma(pragma);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_NOTADB') throw error;
      throw new DomainError(
        'ledger_key_wrong',
        `The ledger ${file} cannot be read with this terminal's key: the key belongs to another ledger, or the file is damaged. Nothing was changed. Restore the key, or the ledger from a backup.`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A consistent copy of an open ledger, encrypted with the same cipher and key, for backups.
 * SQLite's online backup API (`db.backup`) cannot make one: better-sqlite3 opens the target
 * without a key, and SQLite3 Multiple Ciphers refuses to copy an encrypted database into it
 * ("backup is not supported with incompatible source and target databases"). `VACUUM INTO`
 * reads in one read transaction, so in WAL mode sales commit meanwhile, and writes the copy
 * keyed as the connection is. It is synchronous: run it on a connection of its own in a worker
 * thread, never on the sale path. The target must not exist; it is made 0600 first.
 */
export function writeEncryptedCopy(db: Database.Database, target: string): void {
  closeSync(openSync(target, 'wx', LEDGER_FILE_MODE));
  db.prepare('VACUUM INTO ?').run(target);
}
