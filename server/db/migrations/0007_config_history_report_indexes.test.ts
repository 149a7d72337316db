import { afterEach, describe, expect, it } from 'vitest';
import { defaultProgramConfig } from '../../admin/programConfig';
import { testDatabases } from '../../testing/databases';
import type { Database } from '../database';
import { migrate, migrations } from '../migrate';

/**
 * Migration 0007 on databases an older head office wrote: the configuration history it starts
 * with. Version 1 (the defaults) was never written to the audit log, which the history was read
 * from; later versions were, each as `config.set` with the whole configuration.
 */
describe.each(testDatabases)('migration 0007 on $name', (testDb) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  // A fresh database each: PGlite's initdb alone takes seconds on a busy machine.
  const SLOW = 60_000;

  /** A database at schema 6, as the head office before this one left it. */
  async function atSchema6(): Promise<Database> {
    const fresh = await testDb.openFresh();
    await fresh.exec(`CREATE TABLE schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    for (const migration of migrations.filter((m) => m.version <= 6)) {
      await fresh.exec(migration.up);
      await fresh.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    return fresh;
  }

  async function setConfig(
    target: Database,
    version: number,
    at: string,
    actor: string,
    maxOfflineHours: number,
  ) {
    const data = {
      ...defaultProgramConfig,
      offlineRedemption: { ...defaultProgramConfig.offlineRedemption, maxOfflineHours },
    };
    await target.query(
      `INSERT INTO program_config (id, data, version, updated_at, updated_by)
       VALUES (1, $1::jsonb, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, version = EXCLUDED.version,
         updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [JSON.stringify(data), version, at, actor],
    );
    if (version === 1) return;
    await target.query(
      `INSERT INTO audit_log (at, actor, action, subject, details)
       VALUES ($1, $2, 'config.set', 'program', $3::jsonb)`,
      [at, actor, JSON.stringify({ ...data, version, updatedAt: at })],
    );
  }

  async function history(target: Database) {
    const { rows } = await target.query<{
      version: number;
      set_by: string;
      set_at: Date;
      hours: number;
      keys: string[];
    }>(
      `SELECT version, set_by, set_at, (data -> 'offlineRedemption' ->> 'maxOfflineHours')::int AS hours,
         ARRAY(SELECT jsonb_object_keys(data) ORDER BY 1) AS keys
       FROM program_config_version ORDER BY version`,
    );
    return rows.map((r) => ({
      version: r.version,
      by: r.set_by,
      at: new Date(r.set_at).toISOString(),
      hours: r.hours,
      keys: r.keys,
    }));
  }

  it(
    'records version 1 of a head office that never changed its defaults',
    async () => {
      db = await atSchema6();
      await setConfig(db, 1, '2026-01-05T08:00:00.000Z', 'head office defaults', 72);
      await migrate(db);
      expect(await history(db)).toEqual([
        {
          version: 1,
          by: 'head office defaults',
          at: '2026-01-05T08:00:00.000Z',
          hours: 72,
          keys: ['offlineRedemption', 'program', 'storeOverrides'],
        },
      ]);
    },
    SLOW,
  );

  it(
    'copies the versions the audit log holds, once each, and invents no lost version 1',
    async () => {
      db = await atSchema6();
      await setConfig(db, 1, '2026-01-05T08:00:00.000Z', 'head office defaults', 72);
      await setConfig(db, 2, '2026-02-01T08:00:00.000Z', 'Ms Lam', 48);
      await setConfig(db, 3, '2026-03-01T08:00:00.000Z', 'Mr Ho', 24);
      await migrate(db);
      expect(await history(db)).toEqual([
        {
          version: 2,
          by: 'Ms Lam',
          at: '2026-02-01T08:00:00.000Z',
          hours: 48,
          keys: ['offlineRedemption', 'program', 'storeOverrides'],
        },
        {
          version: 3,
          by: 'Mr Ho',
          at: '2026-03-01T08:00:00.000Z',
          hours: 24,
          keys: ['offlineRedemption', 'program', 'storeOverrides'],
        },
      ]);
      // Running the migrations again (another head office starting) changes nothing.
      await migrate(db);
      expect((await history(db)).map((v) => v.version)).toEqual([2, 3]);
    },
    SLOW,
  );

  it(
    'on a new database, starts with no history (head office writes version 1 itself)',
    async () => {
      db = await testDb.openFresh();
      await migrate(db);
      expect(await history(db)).toEqual([]);
    },
    SLOW,
  );
});
