import type { Queryable } from './database';
import { HeadOfficeFailure } from '../platform/errors';
import { LATEST_VERSION, schemaVersion } from './migrate';

/** Tables head office cannot work without; each is read once at start. Our own constants. */
const coreTables = [
  'store',
  'terminal',
  'sync_op',
  'member',
  'points_entry',
  'sale',
  'change_log',
  'program_config',
  'exception_case',
  'audit_log',
] as const;

/**
 * At start, after the migrations: head office can read its own schema, at the version this code
 * knows. On a PostgreSQL server a wrong search_path, a missing grant or a restore into another
 * schema otherwise shows up later as failing pushes; here it is one clear error instead.
 */
export async function checkSchemaReadable(db: Queryable): Promise<void> {
  let version: number;
  try {
    version = await schemaVersion(db);
  } catch (error) {
    throw new HeadOfficeFailure(
      'unavailable',
      `Head office cannot read its schema_migrations table: ${describe(error)}. Check DATABASE_URL (database, schema and the user's rights).`,
    );
  }
  if (version !== LATEST_VERSION)
    throw new HeadOfficeFailure(
      'unavailable',
      `Head office's database is at schema ${version}; this version of head office needs ${LATEST_VERSION}.`,
    );
  for (const table of coreTables) {
    try {
      await db.query(`SELECT 1 FROM ${table} LIMIT 1`);
    } catch (error) {
      throw new HeadOfficeFailure(
        'unavailable',
        `Head office cannot read its own table ${table}: ${describe(error)}. Check DATABASE_URL (database, schema and the user's rights), or restore the database from its last dump.`,
      );
    }
  }
}

const describe = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 300);
