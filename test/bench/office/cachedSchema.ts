/**
 * A head-office schema on the PostgreSQL server that a benchmark loads once and re-runs reuse:
 * `bench_<kind>_s<seed>_<size>_v<latest migration>_<hash of every migration>`, marked ready by a
 * comment on the schema once its load has committed. A schema of an older migration set, or a
 * load that died half-way (no mark), is dropped and built again. Drop one by hand to rebuild:
 * `DROP SCHEMA bench_campaign_s42_n1000000_v19_… CASCADE`.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../../server/db/database';
import { LATEST_VERSION, migrations } from '../../../server/db/migrate';
import { openPostgres } from '../../../server/db/postgres';
import { createHeadOffice, type HeadOffice } from '../../../server/headOffice';
import { PG_URL } from '../sync/headOffice';
import { elapsedMs } from '../stats';

/** Changes whenever a migration does (one not yet shipped is still edited in place). */
export const OFFICE_SCHEMA_KEY = `v${LATEST_VERSION}_${createHash('sha256')
  .update(JSON.stringify(migrations))
  .digest('hex')
  .slice(0, 8)}`;

const READY = 'bench ready, built in ms: ';

export interface CachedOffice {
  db: Database;
  headOffice: HeadOffice;
  schema: string;
  /** True when this run loaded it; false when an earlier run's load was reused. */
  built: boolean;
  buildMs: number;
  close(): Promise<void>;
}

export interface CachedOfficeOptions {
  /** e.g. 'campaign' */
  kind: string;
  seed: number;
  /** e.g. 'n1000000' */
  size: string;
  /** Head office's clock while the benchmark runs (ms since the epoch). */
  now: () => number;
  /** Fills a freshly migrated schema; `db` is on it. */
  load(db: Database): Promise<void>;
  /** A schema of its own, dropped on close (tests): never reused, never left behind. */
  disposable?: boolean;
}

export async function cachedOffice(options: CachedOfficeOptions): Promise<CachedOffice> {
  const prefix = `bench_${options.kind}_s${options.seed}_${options.size}_`;
  const schema = options.disposable ? `${prefix}t${process.pid}` : `${prefix}${OFFICE_SCHEMA_KEY}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema name too long: ${schema}`);
  const admin = await openPostgres(PG_URL, { maxConnections: 1 });
  let buildMs = 0;
  let built = false;
  try {
    // Older migration sets' copies of this data are of no further use.
    const { rows: stale } = await admin.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) AND nspname <> $2
         AND NOT starts_with(nspname, $1 || 't')`,
      [prefix, schema],
    );
    for (const row of stale) await admin.query(`DROP SCHEMA IF EXISTS "${row.nspname}" CASCADE`);
    const { rows } = await admin.query<{ mark: string | null }>(
      `SELECT obj_description(oid, 'pg_namespace') AS mark FROM pg_namespace WHERE nspname = $1`,
      [schema],
    );
    const mark = rows[0]?.mark ?? null;
    if (mark?.startsWith(READY) && !options.disposable) {
      buildMs = Number(mark.slice(READY.length));
    } else {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      built = true;
    }
  } finally {
    await admin.close();
  }
  const db = await openPostgres(PG_URL, { schema, maxConnections: 4 });
  const close = async () => {
    if (options.disposable) await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  };
  try {
    if (built) {
      const started = process.hrtime.bigint();
      await createHeadOffice(db, { now: options.now });
      await options.load(db);
      buildMs = Math.round(elapsedMs(started));
      await db.query(`COMMENT ON SCHEMA ${schema} IS '${READY}${buildMs}'`);
    }
    const headOffice = await createHeadOffice(db, { now: options.now });
    return { db, headOffice, schema, built, buildMs, close };
  } catch (error) {
    // A half-built schema carries no mark: the next run drops it and starts again.
    await close();
    throw error;
  }
}

/** A sequential uuid from a number and a one-digit kind, as rfmSegments.ts makes them. */
export const seqUuid = (kind: number, expr: string) =>
  `(lpad(to_hex(${kind}::bigint * 1000000000000 + ${expr}), 32, '0'))::uuid`;

/** A uniform draw in [0, 1) from PostgreSQL's integer hash of (row `g`, draw `k`, seed `$s`). */
export const uniform = (k: number, seedParam: string) =>
  `((hashint8(g::bigint * 16 + ${k} + ${seedParam}::bigint * 1000003) & 2147483647)::float8 / 2147483648)`;

/** Runs `rounds` ABBA rounds of our path and the bare one, one call each per round. */
export async function alternate(
  rounds: number,
  ours: () => Promise<unknown>,
  bare: () => Promise<unknown>,
): Promise<{ ours: number[]; bare: number[] }> {
  const times = { ours: [] as number[], bare: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const sides = round % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
    for (const side of sides) {
      const started = process.hrtime.bigint();
      await (side === 'ours' ? ours() : bare());
      times[side].push(elapsedMs(started));
    }
  }
  return times;
}
