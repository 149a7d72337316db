/**
 * rfm_segments: head office's RFM segment counts over a chain of 1,000,000 members on the
 * PostgreSQL server, through our code (analyticsService.rfmSegments: parse, one read-only
 * transaction; the chain over a period holding every sale reads the member activity summary,
 * server/analytics/activityRfm.ts), against the bare statement computing the same quintiles
 * from the raw sales with three rank() windows (BARE_RFM_SQL), on the same data in the same
 * run. Target: p50 ≤ 2 s. One run of the statement filtered views use (the period's sales,
 * rfmStatement.ts) is reported beside them.
 *
 * The data is made by bulk SQL (generate_series) in a fresh schema, dropped at the end:
 * five stores, `members` members, 3.5 sales per member on average over 2025, skewed so a few
 * members buy often and many once or never; one in twenty a refund, 15 % of tickets without a
 * member. Ids are sequential so the load is an append, not a random B-tree walk. (The draws are
 * floats: they only pick which row gets which made-up amount, never compute money.)
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../server/db/database';
import { openPostgres } from '../../server/db/postgres';
import { createHeadOffice, type HeadOffice } from '../../server/headOffice';
import { BARE_RFM_SQL, segmentCountsSql } from '../../server/analytics/rfmStatement';
import { ANALYTICS_SETTINGS } from '../../server/analytics/analyticsService';
import { PG_URL } from './sync/headOffice';
import { Sample, elapsedMs, type BenchResult } from './stats';

export const RFM_PERIOD = { from: '2025-01-01', to: '2025-12-31' } as const;
const START = '2025-01-01T00:00:00.000Z';
const END = '2026-01-01T00:00:00.000Z';
const TARGET_MS = 2000;

/** A sequential uuid from a number and a one-digit kind, e.g. 1 → 00000000-…-1000000000001. */
const seqUuid = (kind: number, expr: string) =>
  `(lpad(to_hex(${kind}::bigint * 1000000000000 + ${expr}), 32, '0'))::uuid`;

/**
 * Loads stores, terminals, members and sales with a handful of INSERT … SELECT statements.
 * `seed` shifts the pseudo-random choices (a multiplicative hash of the row number).
 */
export async function loadRfmData(db: Database, members: number, seed: number): Promise<number> {
  const sales = Math.round(members * 3.5);
  await db.query(
    `INSERT INTO store (id, name, created_at)
     SELECT ${seqUuid(1, 'g')}, 'Store ' || g, now() FROM generate_series(1, 5) g`,
  );
  await db.query(
    `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
     SELECT ${seqUuid(2, 'g')}, ${seqUuid(1, 'g')}, 'Till ' || g, 10000 + g, 'bench-' || g,
       'bench', now()
     FROM generate_series(1, 5) g`,
  );
  await db.query(
    `INSERT INTO member (id, card_number, name, phone_e164, phone_national, marketing_consent,
       enrolled_at, enrolled_store_id, enrolled_store_name, enrolled_terminal_id,
       enrolled_staff_id, enrolled_op_id, name_hlc, email_hlc, birthday_hlc,
       marketing_consent_hlc, hlc, arrived_at)
     SELECT ${seqUuid(3, 'g')}, lpad(g::text, 13, '2'), 'Member ' || g,
       '+852' || (50000000 + g), (50000000 + g)::text, false, '2024-06-01T00:00:00.000Z',
       ${seqUuid(1, '1 + g % 5')}, 'Store', ${seqUuid(2, '1 + g % 5')},
       ${seqUuid(9, '1')}, ${seqUuid(4, 'g')}, 'h', 'h', 'h', 'h', 'h', now()
     FROM generate_series(1, $1::int) g`,
    [members],
  );
  // Bulk loads build indexes faster after the rows than row by row: set aside the sale table's
  // secondary indexes (their definitions as the migrations made them) and build them again.
  const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = 'sale' AND indexname <> 'sale_pkey'`,
  );
  for (const index of indexes) await db.query(`DROP INDEX "${index.indexname}"`);
  // Each sale draws its member, day, amount and kind from PostgreSQL's own integer hash of
  // (row, seed, which). The member is the product of two uniform draws, so low member numbers buy
  // far more often: a long tail, like a real shop (many one-visit members, a few regulars).
  await db.query(
    `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
       redeem_value_minor, paid_minor, points_redeemed, points_earned, lines, offline, store_id,
       terminal_id, staff_id, op_id, created_at, recorded_at)
     SELECT ${seqUuid(5, 'g')}, CASE WHEN refund THEN 'refund' ELSE 'sale' END,
       CASE WHEN refund THEN ${seqUuid(6, 'g')} END, 'B-' || g,
       CASE WHEN walk_in THEN NULL ELSE ${seqUuid(3, '1 + member')} END,
       'HKD', CASE WHEN refund THEN -amount ELSE amount END, 0,
       CASE WHEN refund THEN -amount ELSE amount END, 0, 0,
       jsonb_build_array(jsonb_build_object('lineNo', 1, 'description', 'Goods', 'quantity', 1,
         'unitPriceMinor', amount, 'amountMinor', amount)),
       false, ${seqUuid(1, '1 + g % 5')}, ${seqUuid(2, '1 + g % 5')}, ${seqUuid(9, '1')},
       ${seqUuid(7, 'g')},
       to_char(timestamp '2025-01-01' + make_interval(secs => second), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       now()
     FROM (
       SELECT g,
         floor($1::bigint * u(g, 1) * u(g, 2))::bigint AS member,
         floor(31536000 * u(g, 3))::int AS second,
         100 * (1 + floor(2000 * u(g, 4) * u(g, 5)))::bigint AS amount,
         u(g, 6) < 0.05 AS refund,
         u(g, 7) < 0.15 AS walk_in
       FROM generate_series(1, $2::int) g) draws`.replace(
      /u\(g, (\d)\)/g,
      // A uniform draw in [0, 1) from hashint8 of the row, the seed and the draw's number.
      (_, k: string) =>
        `((hashint8(g::bigint * 16 + ${k} + $3::bigint * 1000003) & 2147483647)::float8 / 2147483648)`,
    ),
    [members, sales, seed],
  );
  for (const index of indexes) await db.query(index.indexdef);
  await db.query('ANALYZE store, terminal');
  // Sets the visibility map, so the period scan reads the sale_period index alone.
  await db.query('VACUUM (ANALYZE) sale');
  await db.query('VACUUM (ANALYZE) member');
  // The sale trigger counted every sale into member_activity during the load (migration 0008).
  await db.query('VACUUM (ANALYZE) member_activity');
  return sales;
}

/** The bare statement in the same kind of transaction our code uses (same session settings). */
export async function bareRfm(db: Database): Promise<{ segment: string; count: number }[]> {
  return db.transaction(
    async (tx) => {
      for (const setting of ANALYTICS_SETTINGS) await tx.query(setting);
      return (await tx.query<{ segment: string; count: number }>(BARE_RFM_SQL, [START, END])).rows;
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}

/** The counts from the period's sales: the statement a store, tier or partial period uses. */
export async function salesStatementRfm(
  db: Database,
): Promise<{ segment: string; count: number }[]> {
  return db.transaction(
    async (tx) => {
      for (const setting of ANALYTICS_SETTINGS) await tx.query(setting);
      const { rows } = await tx.query<{ segment: string; count: number }>(segmentCountsSql(false), [
        START,
        END,
        null,
        null,
        'basic',
      ]);
      return rows;
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}

export async function ourRfm(headOffice: HeadOffice): Promise<Map<string, number>> {
  const result = await headOffice.analytics.rfmSegments({ ...RFM_PERIOD, timeZone: 'UTC' });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return new Map(result.value.segments.map((s) => [s.segment, s.count]));
}

export function sameCounts(
  ours: Map<string, number>,
  bare: readonly { segment: string; count: number }[],
): boolean {
  const total = [...ours.values()].reduce((a, b) => a + b, 0);
  return (
    bare.every((row) => ours.get(row.segment) === row.count) &&
    bare.reduce((sum, row) => sum + row.count, 0) === total
  );
}

/** A head office on a fresh schema of the PostgreSQL server; `drop` removes it. */
export async function rfmHeadOffice(
  label: string,
): Promise<{ db: Database; headOffice: HeadOffice; drop(): Promise<void> }> {
  const schema = `bench_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const db = await openPostgres(PG_URL, { schema, maxConnections: 2 });
  const drop = async () => {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  };
  try {
    return { db, headOffice: await createHeadOffice(db), drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

export async function benchRfmSegments(
  options: { members: number; seed: number },
  progress: (message: string) => void = () => {},
): Promise<BenchResult> {
  const { db, headOffice, drop } = await rfmHeadOffice('rfm');
  try {
    const loadStart = process.hrtime.bigint();
    const sales = await loadRfmData(db, options.members, options.seed);
    const loadMs = elapsedMs(loadStart);
    progress(
      `rfm_segments: ${options.members.toLocaleString('en')} members, ${sales.toLocaleString('en')} sales loaded in ${(loadMs / 1000).toFixed(1)} s`,
    );
    // One of each first: plans, caches, the page cache.
    const warmOurs = await ourRfm(headOffice);
    const warmBare = await bareRfm(db);
    const agree = sameCounts(warmOurs, warmBare);
    const ours = new Sample(16);
    const bare = new Sample(16);
    const rounds = 7;
    for (let round = 0; round < rounds; round++) {
      // ABBA order: drift in cache or CPU falls on both sides.
      const sides = round % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
      for (const side of sides) {
        const start = process.hrtime.bigint();
        if (side === 'ours') await ourRfm(headOffice);
        else await bareRfm(db);
        const ms = elapsedMs(start);
        (side === 'ours' ? ours : bare).add(ms);
        (side === 'ours' ? ours : bare).addRound(1, ms);
      }
    }
    const salesStart = process.hrtime.bigint();
    const fromSales = await salesStatementRfm(db);
    const salesMs = elapsedMs(salesStart);
    const salesAgree = sameCounts(warmOurs, fromSales);
    const summary = ours.summary();
    const scored = [...warmOurs.values()].reduce((a, b) => a + b, 0);
    return {
      name: 'rfm_segments',
      ours: summary,
      baseline: bare.summary(),
      target: `p50 ≤ ${TARGET_MS} ms`,
      met: summary.p50Ms <= TARGET_MS && agree && salesAgree,
      notes: [
        `${options.members.toLocaleString('en')} members, ${sales.toLocaleString('en')} sales in 2025 over 5 stores; ${scored.toLocaleString('en')} members scored`,
        `data loaded by bulk SQL in ${(loadMs / 1000).toFixed(1)} s (not timed)`,
        `ours: analyticsService.rfmSegments (parse, read-only transaction, the period holds every sale so it reads member_activity: one row per member, R and F from histograms of (recency, purchases), merges resolved)`,
        `baseline: the bare statement with three rank() windows over the raw sales, same settings (work_mem, jit), same data`,
        `the same counts from the period's sales (the statement a store, tier or partial period uses), one run: ${(salesMs / 1000).toFixed(1)} s, same counts: ${salesAgree ? 'yes' : 'NO'}`,
        `ours and the baseline give the same counts: ${agree ? 'yes' : 'NO'}`,
        `segments: ${[...warmOurs.entries()].map(([s, n]) => `${s} ${n.toLocaleString('en')}`).join(', ')}`,
      ],
    };
  } finally {
    await drop();
  }
}
