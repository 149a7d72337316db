import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases';
import { voiceTallyDrift } from '../../testing/voiceTallies';
import type { Database } from '../database';
import { migrate, migrations } from '../migrate';

/**
 * Migration 0023: the voice dashboard's tallies. It counts the sales and answers an older head
 * office kept, and gives the complaints it kept their stored hours and opener.
 */

const STORE = '01900000-0000-7000-8000-000000000001';
const TERMINAL = '01900000-0000-7000-9000-000000000001';
const CARA = '01900000-0000-7000-a000-000000000001';

describe.each(testDatabases)('migration 0023 on $name', (testDb) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  /** A database at schema 22, as the head office before this one left it. */
  async function atSchema22(): Promise<Database> {
    const fresh = await testDb.openFresh();
    await fresh.exec(`CREATE TABLE schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    for (const migration of migrations.filter((m) => m.version <= 22)) {
      await fresh.exec(migration.up);
      await fresh.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    return fresh;
  }

  it('counts the sales and answers already kept, by day and month, and stores the complaints’ hours', async () => {
    db = await atSchema22();
    await db.query(`INSERT INTO store (id, name, created_at) VALUES ($1, 'Causeway Bay', now())`, [
      STORE,
    ]);
    await db.query(
      `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
       VALUES ($1, $2, 'Till 1', 10001, 'hash', 'test', now())`,
      [TERMINAL, STORE],
    );
    await db.query(
      `INSERT INTO sale (id, kind, refund_of, number, currency, total_minor, points_redeemed,
         points_earned, lines, offline, store_id, terminal_id, staff_id, op_id, created_at,
         recorded_at)
       SELECT gen_random_uuid(), kind, CASE WHEN kind = 'refund' THEN gen_random_uuid() END, 'N',
         'HKD', 100, 0, 0, '[]'::jsonb, false, $1, $2, $3, gen_random_uuid(), t, now()
       FROM (VALUES ('sale', '2026-02-27T10:00:00.000Z'), ('sale', '2026-03-01T00:00:00.0000Z'),
         ('sale', '2026-03-01T08:00:00.000Z'), ('refund', '2026-03-01T09:00:00.000Z'))
         AS s (kind, t)`,
      [STORE, TERMINAL, CARA],
    );
    await db.query(
      `INSERT INTO feedback (id, scale, score, reasons, comment, store_id, terminal_id, staff_id,
         at, hlc, recorded_at)
       SELECT gen_random_uuid(), scale, score, reasons, '', $1, $2, staff, at::timestamptz, 'h',
         now()
       FROM (VALUES ('nps', 10, ARRAY['speed', 'staff'], $3::uuid, '2026-02-28T23:59:59.999Z'),
         ('nps', 6, ARRAY['speed'], $3::uuid, '2026-03-01T00:00:00.000Z'),
         ('csat', 4, ARRAY[]::text[], NULL, '2026-03-02T05:00:00.000Z'))
         AS f (scale, score, reasons, staff, at)`,
      [STORE, TERMINAL, CARA],
    );
    await db.query(
      `INSERT INTO complaint (id, ticket, store_id, category, severity, status, escalated,
         opened_at, first_response_at, resolved_at, first_response_due_at, resolution_due_at,
         goodwill_points, goodwill_cost_minor, search_text, state)
       VALUES (gen_random_uuid(), 'T1', $1, 'service', 'low', 'resolved', false,
         '2026-03-01T00:00:00Z', '2026-03-01T01:30:00Z', '2026-03-02T00:00:00Z',
         '2026-03-01T04:00:00Z', '2026-03-04T00:00:00Z', 0, 0, '', $2::jsonb)`,
      [STORE, JSON.stringify({ openedBy: CARA })],
    );
    await migrate(db);

    const { rows: sales } = await db.query<{ grain: string; period: string; sales: number }>(
      `SELECT grain, to_char(period, 'YYYY-MM-DD') AS period, sales FROM sale_tally
       ORDER BY grain, period`,
    );
    // The four-decimal midnight sorts before '2026-03-01T00:00:00.000Z': it is February's.
    expect(sales).toEqual([
      { grain: 'day', period: '2026-02-27', sales: 1 },
      { grain: 'day', period: '2026-02-28', sales: 1 },
      { grain: 'day', period: '2026-03-01', sales: 1 },
      { grain: 'month', period: '2026-02-01', sales: 2 },
      { grain: 'month', period: '2026-03-01', sales: 1 },
    ]);
    const { rows: answers } = await db.query<{ grain: string; period: string; n: number }>(
      `SELECT grain, to_char(period, 'YYYY-MM-DD') AS period, sum(n)::int AS n
       FROM feedback_tally GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(answers).toEqual([
      { grain: 'day', period: '2026-02-28', n: 1 },
      { grain: 'day', period: '2026-03-01', n: 1 },
      { grain: 'day', period: '2026-03-02', n: 1 },
      { grain: 'month', period: '2026-02-01', n: 1 },
      { grain: 'month', period: '2026-03-01', n: 2 },
    ]);
    const { rows: reasons } = await db.query<{ tag: string; n: number }>(
      `SELECT tag, n FROM feedback_reason_tally WHERE grain = 'month' ORDER BY period, tag`,
    );
    expect(reasons).toEqual([
      { tag: 'speed', n: 1 },
      { tag: 'staff', n: 1 },
      { tag: 'speed', n: 1 },
    ]);
    expect(await voiceTallyDrift(db)).toEqual([]);

    const { rows: complaints } = await db.query<{
      first_response_hours: number;
      resolution_hours: number;
      opened_by: string;
    }>('SELECT first_response_hours, resolution_hours, opened_by FROM complaint');
    expect(complaints).toEqual([
      { first_response_hours: 1.5, resolution_hours: 24, opened_by: CARA },
    ]);
  }, 60_000);

  it('starts empty on a head office with no sales or answers', async () => {
    db = await atSchema22();
    await migrate(db);
    for (const table of ['sale_tally', 'feedback_tally', 'feedback_reason_tally']) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect(rows[0]?.n, table).toBe(0);
    }
  }, 60_000);
});
