import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases';
import type { Database } from './database';
import { migrate } from './migrate';

/** Migration 0003 (the head-office UI) on a fresh database. */
describe.each(testDatabases)('migration 0003 on $name', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.openFresh();
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('adds admin users, sessions and resolution records', async () => {
    const { rows } = await db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
         AND tablename IN ('admin_user', 'admin_session', 'exception_resolution')
       ORDER BY tablename`,
    );
    expect(rows.map((r) => r.tablename)).toEqual([
      'admin_session',
      'admin_user',
      'exception_resolution',
    ]);
  });

  it('keeps admin names unique whatever their case, and languages to the three', async () => {
    const insert = (id: string, name: string, language = 'en') =>
      db.query(
        `INSERT INTO admin_user (id, name, password_hash, language, created_at, created_by)
         VALUES ($1, $2, 'scrypt$1$1$1$a$b', $3, now(), 'test')`,
        [id, name, language],
      );
    await insert('01900000-0000-7000-8000-000000000001', 'Ms Lam');
    await expect(insert('01900000-0000-7000-8000-000000000002', 'MS LAM')).rejects.toThrow();
    await expect(insert('01900000-0000-7000-8000-000000000003', 'Mr Ho', 'fr')).rejects.toThrow();
  });

  it('lets a merge be acknowledged, and still refuses made-up resolutions', async () => {
    const raise = (id: string, resolution: string) =>
      db.query(
        `INSERT INTO exception_case (id, kind, status, raised_at, facts, resolution, resolved_by,
           resolved_at)
         VALUES ($1, 'member_merged', 'resolved', now(), '{}'::jsonb, $2, 'test', now())`,
        [id, resolution],
      );
    await raise('01900000-0000-7000-8000-000000000010', 'acknowledge');
    await expect(raise('01900000-0000-7000-8000-000000000011', 'forgive')).rejects.toThrow(
      /check constraint/,
    );
  });

  it('records what a terminal says is waiting, never below zero', async () => {
    const { rows } = await db.query<{ data_type: string; is_nullable: string }>(
      `SELECT data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'terminal'
         AND column_name = 'outbox_pending'`,
    );
    expect(rows).toEqual([{ data_type: 'integer', is_nullable: 'YES' }]);
  });
});
