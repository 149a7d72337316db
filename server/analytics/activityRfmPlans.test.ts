import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../db/database';
import { resetDatabase, testDatabases } from '../testing/databases';
import { PERIOD_HOLDS_EVERY_SALE, SUMMARY_SEGMENT_COUNTS_SQL } from './activityRfm';

/**
 * The plans of the summary's RFM (migration 0008). The chain is made big enough (3,000 members,
 * two of them merged, 9,000 sales) and analysed, so the planner chooses as it would for a real
 * chain: no switches turned off.
 */
describe.each(testDatabases)('member activity plans on $name', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await resetDatabase(db);
    const id = (kind: number, expr: string) =>
      `(lpad(to_hex(${kind}::bigint * 1000000000000 + ${expr}), 32, '0'))::uuid`;
    await db.exec(`
      INSERT INTO store (id, name, created_at) VALUES (${id(1, '1')}, 'Causeway Bay', now());
      INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
      VALUES (${id(2, '1')}, ${id(1, '1')}, 'Till 1', 10001, 'hash', 'test', now());
      INSERT INTO member (id, card_number, name, phone_e164, phone_national, marketing_consent,
        enrolled_at, enrolled_store_id, enrolled_store_name, enrolled_terminal_id,
        enrolled_staff_id, enrolled_op_id, merged_into, merged_at, name_hlc, email_hlc,
        birthday_hlc, marketing_consent_hlc, hlc, arrived_at)
      SELECT ${id(3, 'g')}, lpad(g::text, 13, '2'), 'Member ' || g, '+852' || (50000000 + g),
        (50000000 + g)::text, false, '2024-06-01T00:00:00.000Z', ${id(1, '1')}, 'Store',
        ${id(2, '1')}, ${id(9, '1')}, ${id(4, 'g')},
        CASE WHEN g <= 2 THEN ${id(3, '1000 + g')} END, CASE WHEN g <= 2 THEN now() END,
        'h', 'h', 'h', 'h', 'h', now()
      FROM generate_series(1, 3000) g ORDER BY g DESC;
      -- Three sales a member over 2025 (the trigger counts them into member_activity), and a
      -- walk-in's every tenth.
      INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
        points_redeemed, points_earned, lines, offline, store_id, terminal_id, staff_id, op_id,
        created_at, recorded_at)
      SELECT ${id(5, 'g')}, 'sale', NULL, 'N-' || g,
        CASE WHEN g % 10 <> 0 THEN ${id(3, '1 + g % 3000')} END, 'HKD', 100 * (g % 97), 0, 0,
        '[]'::jsonb, false, ${id(1, '1')}, ${id(2, '1')}, ${id(9, '1')}, ${id(7, 'g')},
        to_char(timestamp '2025-01-01' + make_interval(mins => g * 53), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        now()
      FROM generate_series(1, 9000) g;
      ANALYZE member, member_activity, sale;
    `);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const params = ['2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', null, null, 'basic'];

  async function plan(sql: string): Promise<string> {
    return db.transaction(async (tx: Queryable) => {
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  it('whether the period holds every sale is two probes of sale_period', async () => {
    const text = await plan(PERIOD_HOLDS_EVERY_SALE);
    expect(text.match(/Index (Only )?Scan using sale_period on sale/g)).toHaveLength(2);
  });

  it('the counts read member_activity once; merged members by member_activity_pkey', async () => {
    const text = await plan(SUMMARY_SEGMENT_COUNTS_SQL);
    expect(text.match(/Seq Scan on member_activity/g)).toHaveLength(1);
    expect(text).toMatch(/Index Scan using member_activity_pkey on member_activity/);
    expect(text).toMatch(/(using|Index Scan on) member_merged_into/);
    expect(text).not.toMatch(/on sale/);
    expect(text).not.toMatch(/Seq Scan on member /);
  });
});
