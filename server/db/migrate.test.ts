import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeadOffice } from '../headOffice';
import { testDatabases } from '../testing/databases';
import type { Database } from './database';
import { LATEST_VERSION, migrate, migrations, schemaVersion } from './migrate';

describe.each(testDatabases)('migrations and the database layer on $name', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.openFresh();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('builds the schema on a fresh database and records each migration', async () => {
    expect(await migrate(db)).toBe(LATEST_VERSION);
    const { rows } = await db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(migrations.map((_, i) => i + 1));
    const { rows: tables } = await db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
    );
    expect(tables.map((t) => t.tablename)).toEqual([
      'admin_session',
      'admin_token',
      'admin_user',
      'audit_log',
      'auth_failure',
      'campaign',
      'campaign_assignment',
      'campaign_variant',
      'catalogue_category',
      'catalogue_item',
      'change_log',
      'complaint',
      'complaint_event',
      'consent_current',
      'consent_event',
      'consent_wording',
      'coupon',
      'coupon_use',
      'data_request',
      'enrollment_code',
      'exception_case',
      'exception_resolution',
      'feedback',
      'feedback_reason_tally',
      'feedback_tally',
      'gift_card',
      'item_barcode',
      'job',
      'member',
      'member_activity',
      'member_balance',
      'member_erasure',
      'member_import',
      'member_import_row',
      'member_import_terminal',
      'member_views',
      'message',
      'message_settings',
      'points_entry',
      'privacy_policy',
      'program_config',
      'program_config_version',
      'sale',
      'sale_tally',
      'schema_migrations',
      'segment',
      'shift',
      'store',
      'store_price',
      'stored_value_entry',
      'stream_counter',
      'stream_publication',
      'sync_op',
      'tax_class',
      'terminal',
      'terminal_program',
    ]);
    const { rows: counters } = await db.query<{ stream: string; seq: number }>(
      'SELECT stream, seq FROM stream_counter ORDER BY stream',
    );
    expect(counters).toEqual([
      { stream: 'balances', seq: 0 },
      { stream: 'complaints', seq: 0 },
      { stream: 'config', seq: 0 },
      { stream: 'consent', seq: 0 },
      { stream: 'coupons', seq: 0 },
      { stream: 'erasures', seq: 0 },
      { stream: 'members', seq: 0 },
      { stream: 'offers', seq: 0 },
      { stream: 'products', seq: 0 },
    ]);
  });

  it('is a no-op the second time', async () => {
    expect(await migrate(db)).toBe(LATEST_VERSION);
    expect(await schemaVersion(db)).toBe(LATEST_VERSION);
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int8 AS n FROM schema_migrations',
    );
    expect(rows[0]?.n).toBe(LATEST_VERSION);
  });

  it('refuses a database written by a newer head office, touching nothing', async () => {
    await db.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
    try {
      await expect(migrate(db)).rejects.toMatchObject({
        error: { code: 'database_newer', details: { databaseVersion: 999 } },
      });
      await expect(createHeadOffice(db)).rejects.toThrow(/newer head office/);
    } finally {
      await db.query('DELETE FROM schema_migrations WHERE version = 999');
    }
  });

  it('returns int8 as numbers, timestamptz as dates and jsonb parsed', async () => {
    const { rows } = await db.query<{ big: number; at: Date; doc: unknown; total: number }>(
      `SELECT 9007199254740991::int8 AS big, '2026-11-02T09:00:00Z'::timestamptz AS at,
         $1::jsonb AS doc, (SELECT sum(x)::int8 FROM generate_series(1, 10) AS x) AS total`,
      [JSON.stringify({ name: '陳大文', points: [1, 2] })],
    );
    expect(rows[0]).toEqual({
      big: 9007199254740991,
      at: new Date('2026-11-02T09:00:00Z'),
      doc: { name: '陳大文', points: [1, 2] },
      total: 55,
    });
    await expect(db.query('SELECT 9007199254740993::int8 AS big')).rejects.toThrow(/safe range/);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.exec('CREATE TABLE scratch (n int)');
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch VALUES (1)');
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch VALUES (2)');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const { rows } = await db.query<{ n: number }>('SELECT n FROM scratch');
    expect(rows).toEqual([{ n: 1 }]);
    await db.exec('DROP TABLE scratch');
  });

  it('opens transactions at the isolation level asked for', async () => {
    const level = await db.transaction(
      async (tx) =>
        (
          await tx.query<{ level: string }>('SELECT current_setting($1) AS level', [
            'transaction_isolation',
          ])
        ).rows[0]?.level,
      { isolation: 'repeatable read', readOnly: true },
    );
    expect(level).toBe('repeatable read');
    await expect(
      db.transaction(
        async (tx) => tx.query('INSERT INTO store VALUES (gen_random_uuid(), $1, now())', ['x']),
        {
          readOnly: true,
        },
      ),
    ).rejects.toThrow(/read-only/);
  });
});
