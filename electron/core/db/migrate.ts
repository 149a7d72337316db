import type Database from 'better-sqlite3-multiple-ciphers';
import { DomainError } from '../../../shared/result';
import { migration0001 } from './migrations/0001_initial';
import { migration0002 } from './migrations/0002_loyalty_program';
import { migration0003 } from './migrations/0003_sync';
import { migration0004 } from './migrations/0004_staff_shifts';
import { migration0005 } from './migrations/0005_reports';
import { migration0006 } from './migrations/0006_analytics';
import { migration0007 } from './migrations/0007_checkout_speed';
import { migration0008 } from './migrations/0008_cash_tendered';
import { migration0009 } from './migrations/0009_refund_allocation';
import { migration0010 } from './migrations/0010_member_language';
import { migration0011 } from './migrations/0011_pin_tag';
import { migration0012 } from './migrations/0012_head_office_credential';
import { migration0013 } from './migrations/0013_consent_ledger';
import { migration0014 } from './migrations/0014_program_ownership';
import { migration0015 } from './migrations/0015_erasure';
import { migration0016 } from './migrations/0016_campaign_offers';
import { migration0017 } from './migrations/0017_customer_voice';
import { migration0018 } from './migrations/0018_printer';
import { migration0019 } from './migrations/0019_other_stores_complaints';
import { migration0020 } from './migrations/0020_catalogue';
import { migration0021 } from './migrations/0021_tax';
import { createLogger } from '../../../shared/logger';

const log = createLogger('migrate');

export interface Migration {
  version: number;
  name: string;
  /** SQL run inside the migration's transaction. */
  up: string;
  /**
   * The migration rebuilds a table other tables refer to (SQLite cannot alter a CHECK). It runs
   * with foreign keys off, as SQLite's documented twelve-step rebuild asks, and
   * `foreign_key_check` must find no broken reference it did not find before.
   */
  rebuildsReferencedTable?: true;
}

/** Append-only: a shipped migration is never edited, only followed by a new one. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
  migration0021,
];

/** The newest schema this app knows: the last migration's number (tests keep them gapless). */
export const LATEST_VERSION = migrations[migrations.length - 1]?.version ?? 0;

/** The ledger's schema version; one from a newer app is refused before anything touches it. */
export function refuseNewerLedger(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw new DomainError(
      'database_newer',
      `This ledger was written by a newer version of the app (schema ${current}, this app knows ${LATEST_VERSION}). Update the app; the data has not been touched.`,
    );
  }
  return current;
}

export function migrate(db: Database.Database): void {
  const current = refuseNewerLedger(db);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
    // A no-op inside a transaction: switched before it opens.
    if (migration.rebuildsReferencedTable) db.pragma('foreign_keys = OFF');
    const brokenBefore = migration.rebuildsReferencedTable
      ? (db.pragma('foreign_key_check') as unknown[]).length
      : 0;
    try {
      db.transaction(() => {
        db.exec(migration.up);
        if (migration.rebuildsReferencedTable) {
          const broken = (db.pragma('foreign_key_check') as unknown[]).length;
          if (broken > brokenBefore) {
            throw new Error(
              `migration ${migration.version} would break ${broken - brokenBefore} references`,
            );
          }
        }
        // user_version takes no bound parameter; the value is our own integer constant.
        db.pragma(`user_version = ${Number(migration.version)}`);
      })();
    } finally {
      if (migration.rebuildsReferencedTable && keysWereOn) db.pragma('foreign_keys = ON');
    }
    log.info(`applied migration ${migration.version}: ${migration.name}`);
  }
}
