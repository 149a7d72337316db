import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../db/database';
import { migrate, migrations } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';

/**
 * The databases every server suite runs on: PGlite always; the PostgreSQL server at
 * 127.0.0.1:5432 too when HEAD_OFFICE_PG_TESTS=1 (CI sets it). Each PostgreSQL database lives in
 * a schema of its own, dropped on close, so runs and files never see each other's rows.
 */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** A database with the schema already migrated (from a cached template on PGlite). */
  open(): Promise<Database>;
  /** A database nobody has migrated yet. */
  openFresh(): Promise<Database>;
}

export const POSTGRES_TEST_URL =
  process.env.HEAD_OFFICE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A migrated PGlite data directory, dumped once and cached in the temp directory: starting from
 * it takes a fraction of a fresh initdb, which is most of a server test file's setup time.
 */
async function pgliteTemplate(): Promise<Blob> {
  const { version } = JSON.parse(
    await readFile(join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string };
  const key = createHash('sha256')
    .update(version)
    .update(JSON.stringify(migrations))
    .digest('hex')
    .slice(0, 16);
  const file = join(tmpdir(), `head-office-pglite-${key}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const db = await openPglite();
    await migrate(db);
    const dump = await db.dump();
    await db.close();
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}

const pglite: TestDatabase = {
  name: 'pglite',
  open: async () => openPglite(undefined, { template: await pgliteTemplate() }),
  openFresh: () => openPglite(),
};

async function openPostgresSchema(): Promise<Database> {
  const schema = `ho_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const db = await openPostgres(POSTGRES_TEST_URL, { schema, maxConnections: 8 });
  return {
    ...db,
    async close() {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}

const postgres: TestDatabase = {
  name: 'postgres',
  open: openPostgresSchema,
  openFresh: openPostgresSchema,
};

export const testDatabases: TestDatabase[] =
  process.env.HEAD_OFFICE_PG_TESTS === '1' ? [pglite, postgres] : [pglite];

/**
 * Migrates, then empties every table but the migration record, and rewinds the stream counters: a fresh head
 * office in milliseconds instead of a fresh database in seconds.
 */
export async function resetDatabase(db: Database): Promise<void> {
  await migrate(db);
  const { rows } = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables
     WHERE schemaname = current_schema()
       AND tablename NOT IN ('schema_migrations', 'stream_counter')`,
  );
  if (rows.length > 0) {
    // Names come from the catalogue, not from input.
    await db.exec(
      `TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`,
    );
  }
  await db.query('UPDATE stream_counter SET seq = 0');
}
