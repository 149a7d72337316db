import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { openLedger, type OpenOptions } from '../db/connection';
import { integrityProblems } from '../backup/verifyBackup';
import { DomainError } from '../../../shared/result';

/**
 * Markers beside the ledger:
 * - `ledger.known`: a ledger has been opened in this folder. From then on a missing or empty
 *   ledger file is a lost ledger, never a new terminal;
 * - `ledger.running`: written at every start and removed at a clean stop. Found at start, it
 *   says the last run did not stop cleanly, and the full integrity check runs instead of the
 *   quick one.
 */
export const KNOWN_MARKER = 'ledger.known';
export const RUNNING_MARKER = 'ledger.running';

export const ledgerProblems = ['missing', 'empty', 'unreadable', 'damaged'] as const;
export type LedgerProblem = (typeof ledgerProblems)[number];

/** The ledger failed its start-up check: it is not used, and the terminal shows recovery. */
export class LedgerUnusable extends Error {
  constructor(
    readonly problem: LedgerProblem,
    /** SQLite's own words (no personal data: it names pages and tables). */
    readonly detail: string,
  ) {
    super(`The ledger is unusable (${problem}): ${detail}`);
    this.name = 'LedgerUnusable';
  }
}

export interface LedgerPlace {
  dataDir: string;
  file: string;
  /** Whether the terminal's secret has been saved (key file or keychain): made with the first ledger. */
  secretSaved?: boolean;
}

/** Whether a ledger was ever opened here: the marker, or the terminal's key beside the folder. */
export function ledgerExisted(place: LedgerPlace): boolean {
  return existsSync(path.join(place.dataDir, KNOWN_MARKER)) || place.secretSaved === true;
}

/**
 * What must hold before the ledger is even opened: a ledger that existed is still there and not
 * empty (SQLite would happily start a zero-byte file as a brand-new database).
 */
export function checkLedgerFile(place: LedgerPlace): void {
  const existed = ledgerExisted(place);
  if (!existsSync(place.file)) {
    if (existed)
      throw new LedgerUnusable(
        'missing',
        `${path.basename(place.file)} is missing from ${place.dataDir}.`,
      );
    return;
  }
  if (statSync(place.file).size === 0 && existed)
    throw new LedgerUnusable('empty', `${path.basename(place.file)} is empty (0 bytes).`);
}

/**
 * Opens the ledger and checks it before anything uses it: SQLite's quick_check at every start,
 * the full integrity_check after a run that did not stop cleanly. A ledger that fails is closed
 * again and LedgerUnusable thrown; one from a newer app version is refused as before.
 */
export function openCheckedLedger(
  place: LedgerPlace,
  options: OpenOptions,
): { db: Database.Database; fullCheck: boolean } {
  checkLedgerFile(place);
  const fullCheck = existsSync(path.join(place.dataDir, RUNNING_MARKER));
  let db: Database.Database;
  try {
    db = openLedger(place.file, options);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new LedgerUnusable('unreadable', String(error));
  }
  let problems: string[];
  try {
    problems = integrityProblems(db, fullCheck ? 'integrity_check' : 'quick_check');
  } catch (error) {
    problems = [String(error)];
  }
  if (problems.length > 0) {
    db.close();
    throw new LedgerUnusable(
      'damaged',
      `${problems.length} integrity error(s): ${problems.slice(0, 3).join('; ')}`.slice(0, 500),
    );
  }
  markRunning(place.dataDir);
  return { db, fullCheck };
}

/** At start, once the ledger passed its check. */
export function markRunning(dataDir: string): void {
  writeFileSync(path.join(dataDir, KNOWN_MARKER), 'a ledger lives in this folder\n', {
    mode: 0o600,
  });
  writeFileSync(path.join(dataDir, RUNNING_MARKER), `${process.pid}\n`, { mode: 0o600 });
}

/** At a clean stop, after the ledger closed. */
export function markStopped(dataDir: string): void {
  rmSync(path.join(dataDir, RUNNING_MARKER), { force: true });
}
