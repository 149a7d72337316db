import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { isPlaintextSqlite } from '../keys/ledgerFile';
import { LEDGER_FILE_MODE, openKeyed, type OpenOptions } from './cipher';
import { encryptPlaintextLedger } from './encryptLedger';
import { migrate } from './migrate';

/** About 40 MB of WAL before a commit has to checkpoint; idle-time checkpoints come first. */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

export {
  cipherPragmas,
  LEDGER_FILE_MODE,
  openKeyed,
  writeEncryptedCopy,
  type OpenOptions,
} from './cipher';

/**
 * Opens the terminal ledger, encrypted at rest: WAL with synchronous=FULL so a committed sale
 * survives power loss, foreign keys on, and the schema migrated to the latest version (or
 * refused if from the future). A plaintext ledger from before encryption is first encrypted
 * (encryptLedger.ts), and a file the key cannot read is refused with `ledger_key_wrong`, never
 * taken for a new terminal. This is the one way to open a ledger file with its key.
 */
export function openLedger(file: string, options: OpenOptions): Database.Database {
  if (existsSync(file) && isPlaintextSqlite(file)) encryptPlaintextLedger(file, options);
  const fresh = !existsSync(file);
  if (fresh) closeSync(openSync(file, 'a', LEDGER_FILE_MODE));
  const db = openKeyed(file, options);
  try {
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted and overwritten content is zeroed, so an erased member's bytes leave the file
    // (issue 14 §2); a new ledger also returns free pages on incremental_vacuum. Only a new one:
    // on an existing ledger the pragma writes the header, and a ledger that may have failed its
    // start-up check is never written (an older one is vacuumed once at its first erasure).
    db.pragma('secure_delete = ON');
    if (fresh) db.pragma('auto_vacuum = INCREMENTAL');
    migrate(db);
    // After migrate: switching to WAL rewrites the file header, and a newer ledger must stay untouched.
    db.pragma('journal_mode = WAL');
    // A backstop only: a thread of its own checkpoints beside the sales (checkpointer.ts).
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    restrictLedgerFiles(file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The ledger, its -wal and -shm: owner only, whatever the umask or an older app left. */
export function restrictLedgerFiles(file: string): void {
  for (const part of [file, `${file}-wal`, `${file}-shm`])
    if (existsSync(part)) chmodSync(part, LEDGER_FILE_MODE);
}
