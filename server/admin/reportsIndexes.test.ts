import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { migrations } from '../db/migrate';
import {
  COUPONS_STATEMENT,
  LIABILITY_STATEMENT,
  MEMBERS_STATEMENT,
  POINTS_STATEMENT,
  SALES_STATEMENT,
} from './reportsStatements';
import { resetDatabase, testDatabases } from '../testing/databases';
import { queryPlan } from '../testing/queryPlan';

/**
 * The consolidated report's statements and the indexes they read by (migration 0007 adds two).
 * The test database is nearly empty, so sequential scans are switched off inside the transaction:
 * what is checked is that each statement's shape can use its index (a bound written so that no
 * index fits would silently scan the whole table on a chain's data), not the planner's choice on
 * ten rows.
 */
describe.each(testDatabases)('report indexes on $name', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await resetDatabase(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  // Two stores, 1–7 November: Hong Kong's week, and UTC's.
  const range = [
    ['00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000002'],
    ['2026-10-31T16:00:00.000Z', '2026-11-01T00:00:00.000Z'],
    ['2026-11-07T16:00:00.000Z', '2026-11-08T00:00:00.000Z'],
  ];

  /**
   * The plan with the `without` indexes dropped and the `seed` rows written (queryPlan): on an
   * empty table the planner picks any index that matches the store, and the one that also narrows
   * by time is what is checked.
   */
  const plan = (
    sql: string,
    values: unknown[] = range,
    without: readonly string[] = [],
    seed: readonly string[] = [],
  ): Promise<string> => queryPlan(db, sql, values, { without, seed });

  /**
   * A year of enrollments in ten stores, so the planner sees a table worth narrowing: on an empty
   * one it reads the whole index as cheaply as any part of it.
   */
  const SEED_MEMBERS = [
    `INSERT INTO store (id, name, created_at)
     SELECT ('00000000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid, 'Store ' || n, now()
     FROM generate_series(1, 10) AS n`,
    `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
     SELECT ('00000000-0000-7000-9000-' || lpad(n::text, 12, '0'))::uuid,
       ('00000000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid, 'Till', 10000 + n,
       'hash' || n, '0.1.0', now()
     FROM generate_series(1, 10) AS n`,
    `INSERT INTO member (id, card_number, name, phone_e164, phone_national, marketing_consent,
       enrolled_at, enrolled_store_id, enrolled_store_name, enrolled_terminal_id,
       enrolled_staff_id, enrolled_op_id, name_hlc, email_hlc, birthday_hlc,
       marketing_consent_hlc, hlc, arrived_at)
     SELECT gen_random_uuid(), 'card' || n, 'Member ' || n, '+8529' || lpad(n::text, 7, '0'),
       lpad(n::text, 8, '0'), false,
       to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       ('00000000-0000-7000-8000-' || lpad((1 + n % 10)::text, 12, '0'))::uuid, 'Store',
       ('00000000-0000-7000-9000-' || lpad((1 + n % 10)::text, 12, '0'))::uuid,
       gen_random_uuid(), gen_random_uuid(), 'h', 'h', 'h', 'h', 'h', at
     FROM generate_series(1, 20000) AS n,
       LATERAL (SELECT timestamptz '2026-01-01' + n * interval '26 minutes' AS at) AS t`,
    'ANALYZE member',
  ];

  /** A scan of `table` that reads every row of it, whatever the index (a full index scan). */
  function fullScans(text: string, table: string): string[] {
    return text.split('\n').filter((line) => new RegExp(`Seq Scan on ${table}\\b`).test(line));
  }

  it('migration 7 creates the two report indexes', async () => {
    expect(migrations.some((m) => m.version === 7 && /report indexes/.test(m.name))).toBe(true);
    const { rows } = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
         AND indexname IN ('member_store_arrived', 'coupon_use_store_recorded')
       ORDER BY indexname`,
    );
    expect(rows.map((r) => r.indexname)).toEqual([
      'coupon_use_store_recorded',
      'member_store_arrived',
    ]);
  });

  it('sales read one store’s range through sale_store_recorded', async () => {
    const text = await plan(SALES_STATEMENT, range, ['sale_store_created']);
    expect(text).toMatch(/Index Cond: \(\(store_id = b\.store_id\) AND \(recorded_at >= /);
    expect(fullScans(text, 'sale')).toEqual([]);
  });

  it('a sale’s gift cards sold come through stored_value_entry_sold (migration 9)', async () => {
    const text = await plan(SALES_STATEMENT);
    expect(text).toMatch(/(using|Index Only Scan on|Index Scan on) stored_value_entry_sold/);
    expect(fullScans(text, 'stored_value_entry')).toEqual([]);
  });

  it('points come through the range’s sales and points_entry_sale, the rest from a day before by recorded time', async () => {
    const text = await plan(POINTS_STATEMENT, range, ['sale_store_created']);
    expect(text).toMatch(/Index Scan using sale_store_recorded on sale sa/);
    expect(text).toMatch(/Index Cond: \(\(store_id = sb\.store_id\) AND \(recorded_at >= /);
    expect(text).toMatch(/(using|Index Scan on) points_entry_sale/);
    expect(text).toMatch(/(using|Index Scan on) points_entry_recorded/);
    expect(fullScans(text, 'points_entry')).toEqual([]);
  });

  it('new members read member_store_arrived', async () => {
    const text = await plan(MEMBERS_STATEMENT, range, [], SEED_MEMBERS);
    expect(text).toMatch(/(using|Index Scan on) member_store_arrived/);
    expect(text).toMatch(/Index Cond: \(\(enrolled_store_id = b\.store_id\) AND \(arrived_at >= /);
    expect(fullScans(text, 'member')).toEqual([]);
  });

  it('coupon discounts read coupon_use_store_recorded', async () => {
    const text = await plan(COUPONS_STATEMENT);
    expect(text).toMatch(/(using|Index Scan on) coupon_use_store_recorded/);
    expect(text).toMatch(/Index Cond: \(\(store_id = b\.store_id\) AND \(recorded_at >= /);
    expect(fullScans(text, 'coupon_use')).toEqual([]);
  });

  it('liability reads only the entries recorded from a day before its cut-off, through points_entry_recorded', async () => {
    const text = await plan(LIABILITY_STATEMENT, ['2026-11-08T00:00:00.000Z']);
    expect(text).toMatch(/(using|Index Scan on) points_entry_recorded/);
    expect(text).toMatch(/Index Cond: \(recorded_at >= /);
    expect(fullScans(text, 'points_entry')).toEqual([]);
  });
});
