import Database from 'better-sqlite3';
import { migrate } from './migrate';

/** About 40 MB of WAL before a commit has to checkpoint; idle-time checkpoints come first. */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

export interface OpenOptions {
  /** Path to a better-sqlite3 native module built for another ABI (Electron). */
  nativeBinding?: string;
}

/**
 * Opens the terminal ledger: WAL with synchronous=FULL so a committed sale survives power loss,
 * foreign keys on, and the schema migrated to the latest version (or refused if from the future).
 */
export function openLedger(file: string, options: OpenOptions = {}): Database.Database {
  const db = new Database(
    file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    // After migrate: switching to WAL rewrites the file header, and a newer ledger must stay untouched.
    db.pragma('journal_mode = WAL');
    // A backstop only: a thread of its own checkpoints beside the sales (checkpointer.ts).
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
