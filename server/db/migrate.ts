import { HeadOfficeFailure } from '../platform/errors';
import { createLogger } from '../platform/logger';
import type { Database, Queryable } from './database';
import type { Migration } from './migration';
import { migration0001 } from './migrations/0001_initial';
import { migration0002 } from './migrations/0002_coupons_gift_cards';
import { migration0003 } from './migrations/0003_office_ui';
import { migration0004 } from './migrations/0004_analytics';
import { migration0005 } from './migrations/0005_shifts';
import { migration0006 } from './migrations/0006_sync_speed';
import { migration0007 } from './migrations/0007_config_history_report_indexes';
import { migration0008 } from './migrations/0008_member_activity';
import { migration0009 } from './migrations/0009_trusted_figures';
import { migration0010 } from './migrations/0010_gift_cards_not_sales';
import { migration0011 } from './migrations/0011_job_queue';
import { migration0012 } from './migrations/0012_auth_failures';
import { migration0013 } from './migrations/0013_consent_ledger';
import { migration0014 } from './migrations/0014_program_ownership';
import { migration0015 } from './migrations/0015_messages';
import { migration0016 } from './migrations/0016_data_requests';
import { migration0017 } from './migrations/0017_campaigns';
import { migration0018 } from './migrations/0018_office_roles_member_views';
import { migration0019 } from './migrations/0019_customer_voice';
import { migration0020 } from './migrations/0020_member_import';
import { migration0021 } from './migrations/0021_member_referrer_index';
import { migration0022 } from './migrations/0022_catalogue';
import { migration0023 } from './migrations/0023_voice_tallies';
import { migration0024 } from './migrations/0024_bulk_write_speed';

const log = createLogger('migrate');

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
  migration0022,
  migration0023,
  migration0024,
];

/** The newest schema this app knows: the last migration's number (tests keep them gapless). */
export const LATEST_VERSION = migrations[migrations.length - 1]?.version ?? 0;

/**
 * Two head-office processes starting against one PostgreSQL take turns on this advisory lock,
 * so a migration never runs twice. The key is an arbitrary constant of ours.
 */
const MIGRATION_LOCK = 7_240_113;

async function lockAndReadVersion(tx: Queryable): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await tx.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const { rows } = await tx.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}

function refuseNewer(current: number): never {
  throw new HeadOfficeFailure(
    'database_newer',
    `This database was written by a newer head office (schema ${current}, this one knows ${LATEST_VERSION}). Update head office; the data has not been touched.`,
    { databaseVersion: current, knownVersion: LATEST_VERSION },
  );
}

/** Brings the schema up to date, one migration per transaction; returns the version reached. */
export async function migrate(db: Database): Promise<number> {
  let current = await db.transaction(lockAndReadVersion);
  if (current > LATEST_VERSION) refuseNewer(current);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    const applied = await db.transaction(async (tx) => {
      const now = await lockAndReadVersion(tx);
      if (now > LATEST_VERSION) refuseNewer(now);
      if (now >= migration.version) return false;
      await tx.exec(migration.up);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (applied) log.info(`applied migration ${migration.version}: ${migration.name}`);
    current = migration.version;
  }
  return current;
}

export async function schemaVersion(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}
