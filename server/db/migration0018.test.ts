import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases';
import type { Database } from './database';
import { migrate, migrations } from './migrate';

/**
 * Migration 0018 (office roles, member view log) on a head office that already has people: each
 * becomes an administrator; a store manager must name a store and nobody else may; the view log
 * takes only the listed reasons and is append-only.
 */
describe.each(testDatabases)('migration 0018 on $name', (testDb) => {
  let db: Database;
  const person = '01900000-0000-7000-8000-0000000000d1';

  beforeAll(async () => {
    db = await testDb.openFresh();
    for (const migration of migrations.filter((m) => m.version < 18)) {
      await db.transaction(async (tx) => {
        await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version integer PRIMARY KEY, name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now())`);
        await tx.exec(migration.up);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      });
    }
    await db.query(
      `INSERT INTO admin_user (id, name, password_hash, created_at, created_by)
       VALUES ($1, 'Ms Lam', 'x', now(), 'test')`,
      [person],
    );
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('makes everyone who signed in before roles an administrator, with no store', async () => {
    const { rows } = await db.query('SELECT role, store_id FROM admin_user WHERE id = $1', [
      person,
    ]);
    expect(rows).toEqual([{ role: 'admin', store_id: null }]);
  });

  it('refuses a store manager without a store, a store for anyone else, and unknown roles', async () => {
    await expect(
      db.query("UPDATE admin_user SET role = 'storeManager' WHERE id = $1", [person]),
    ).rejects.toThrow();
    await expect(
      db.query("UPDATE admin_user SET role = 'root' WHERE id = $1", [person]),
    ).rejects.toThrow();
  });

  it('keeps the member view log to the listed reasons', async () => {
    const { rows } = await db.query<{ check: string }>(
      `SELECT pg_get_constraintdef(oid) AS check FROM pg_constraint
       WHERE conrelid = 'member_views'::regclass AND contype = 'c'`,
    );
    const text = rows.map((r) => r.check).join(' ');
    for (const reason of ['customer_enquiry', 'complaint', 'data_subject_request', 'fraud_check']) {
      expect(text).toContain(reason);
    }
  });
});
