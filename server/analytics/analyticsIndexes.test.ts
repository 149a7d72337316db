import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { migrations } from '../db/migrate';
import { resetDatabase, testDatabases } from '../testing/databases';
import { queryPlan } from '../testing/queryPlan';
import { MEMBER_TIER_SQL, TIERED, TYPED, scoredCtes } from './rfmStatement';

/**
 * Migration 0004 (analytics indexes) and the plans that need them. The test database is nearly
 * empty, so sequential scans are switched off inside the transaction: what is checked is that
 * each query's shape can use its index (a partial index whose predicate drifted from the query's
 * would silently never be used), not the planner's choice on ten rows.
 */
describe.each(testDatabases)('analytics indexes on $name', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await resetDatabase(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const params = ['2025-03-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z', null, null, 'basic'];

  const plan = (sql: string, values: unknown[] = params) => queryPlan(db, sql, values);

  it('migration 4 creates the five analytics indexes', async () => {
    expect(migrations.some((m) => m.version === 4 && /analytics/.test(m.name))).toBe(true);
    const { rows } = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
         AND indexname IN ('sale_period', 'sale_store_created', 'sync_op_tier_event',
           'points_entry_recorded', 'coupon_issued_at')
       ORDER BY indexname`,
    );
    expect(rows.map((r) => r.indexname)).toEqual([
      'coupon_issued_at',
      'points_entry_recorded',
      'sale_period',
      'sale_store_created',
      'sync_op_tier_event',
    ]);
  });

  it('the RFM statement reads the period’s member sales from sale_period', async () => {
    expect(await plan(`WITH ${TYPED}, ${scoredCtes(false)} SELECT count(*) FROM scored`)).toMatch(
      /Index (Only )?Scan using sale_period on sale/,
    );
  });

  it('a member’s tier (the member page) reads their events from sync_op_tier_event', async () => {
    const text = await plan(MEMBER_TIER_SQL, [['00000000-0000-7000-8000-000000000001']]);
    expect(text).toMatch(/Index (Only )?Scan using sync_op_tier_event on sync_op/);
    // Keyed on the member, not a walk through every member's tier events.
    expect(text).toMatch(/Index Cond: \(\(payload ->> 'memberId'::text\) = ANY/);
  });

  it('one store’s period uses sale_store_created', async () => {
    const store = [...params];
    store[2] = '00000000-0000-7000-8000-000000000001';
    expect(
      await plan(
        `WITH ${TYPED} SELECT count(*) FROM sale s
         WHERE s.store_id = $3::uuid AND s.created_at >= $1 AND s.created_at < $2`,
        store,
      ),
    ).toMatch(/(using|Index Scan on) sale_(store_created|period)/);
  });

  it('tier events come from the partial index sync_op_tier_event (its predicate matches)', async () => {
    expect(
      await plan(`WITH ${TYPED}, ${TIERED} SELECT count(*) FROM tiered WHERE tier_id = $4`, [
        ...params.slice(0, 3),
        'silver',
        'basic',
      ]),
    ).toMatch(/(using|Index Scan on) sync_op_tier_event/);
  });

  it('liability by day reads points_entry_recorded; coupons by issue date coupon_issued_at', async () => {
    expect(
      await plan(
        `WITH ${TYPED} SELECT sum(points) FROM points_entry WHERE recorded_at < $1::text::timestamptz`,
      ),
    ).toMatch(/(using|Index Scan on) points_entry_recorded/);
    expect(
      await plan(
        `WITH ${TYPED} SELECT count(*) FROM coupon c
         WHERE c.issued_at IS NOT NULL AND c.issued_at >= $1 AND c.issued_at < $2`,
      ),
    ).toMatch(/(using|Index Scan on) coupon_issued_at/);
  });
});
