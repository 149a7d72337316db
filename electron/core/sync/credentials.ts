import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { createLogger } from '../../../shared/logger';

const log = createLogger('credentials');

/** Where the terminal keeps its head-office credential: inside its encrypted ledger. */
export interface CredentialStore {
  read(): string | null;
  write(secret: string): void;
  /** How it is protected, for the status screen and the logs. */
  readonly protection: 'encrypted-ledger';
}

/** The credential in the ledger's one-row table (migration 12), encrypted with the ledger. */
export function ledgerCredentialStore(db: Database.Database): CredentialStore {
  return {
    protection: 'encrypted-ledger',
    read() {
      const row = db.prepare('SELECT credential FROM head_office_credential WHERE id = 1').get() as
        { credential: string } | undefined;
      return row?.credential ?? null;
    },
    write(secret) {
      db.prepare(
        `INSERT INTO head_office_credential (id, credential, saved_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET credential = excluded.credential, saved_at = excluded.saved_at`,
      ).run(secret, new Date().toISOString());
    },
  };
}

/** A place an older app kept the credential: read once when moving it in, then removed. */
export interface LegacyCredential {
  /** Where it was, for the log; never the credential. */
  describe: string;
  read(): string | null;
  remove(): void;
}

/** The browser host's old 0600 file in the data folder (and its half-written temp). */
export function legacyCredentialFile(dataDir: string): LegacyCredential {
  const file = path.join(dataDir, 'head-office.credential');
  return {
    describe: file,
    read() {
      if (!existsSync(file)) return null;
      const text = readFileSync(file, 'utf8').trim();
      return text.length > 0 ? text : null;
    },
    remove() {
      rmSync(file, { force: true });
      rmSync(`${file}.tmp`, { force: true });
    },
  };
}

/**
 * Moves a credential an older app kept outside the ledger into it, then removes the old copy:
 * stored first and removed after, so a crash between the two leaves it in both places, and the
 * next start only removes the old one. A credential already in the ledger is never replaced.
 */
export function moveCredentialsIntoLedger(
  store: CredentialStore,
  legacy: readonly LegacyCredential[],
): void {
  for (const old of legacy) {
    const secret = old.read();
    if (secret === null) continue;
    if (store.read() === null) {
      store.write(secret);
      log.info('moved the head-office credential into the encrypted ledger', {
        from: old.describe,
      });
    }
    old.remove();
  }
}
