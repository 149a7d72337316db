import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pulledConsent } from '../../shared/sync/protocol';
import { testDatabases } from '../testing/databases';
import type { Database } from './database';
import { migrate, migrations } from './migrate';

/**
 * Migration 0013 (consent ledger) on a head office that already has members with the single
 * flag: each becomes one imported event per channel (SMS, email) for marketing, granted or
 * withdrawn as the flag said, with the ids and clocks terminals derive for the same flag; the
 * standing answers agree; the events go out on the consent stream; and the ledger is append-only.
 */
describe.each(testDatabases)('migration 0013 on $name', (testDb) => {
  let db: Database;
  const store = '01900000-0000-7000-8000-0000000000a1';
  const till = '01900000-0000-7000-8000-0000000000b1';
  const yes = '01900000-0000-7000-8000-0000000000c1';
  const no = '01900000-0000-7000-8000-0000000000c2';

  beforeAll(async () => {
    db = await testDb.openFresh();
    for (const migration of migrations.filter((m) => m.version < 13)) {
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
    await db.query("INSERT INTO store (id, name, created_at) VALUES ($1, 'Central', now())", [
      store,
    ]);
    await db.query(
      `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
       VALUES ($1, $2, 'Till 1', 12345, 'x', '1', now())`,
      [till, store],
    );
    for (const [id, flag, phone] of [
      [yes, true, '+85291234567'],
      [no, false, '+85291234568'],
    ] as const) {
      await db.query(
        `INSERT INTO member (id, card_number, name, phone_e164, phone_national, marketing_consent,
           consent_at, enrolled_at, enrolled_store_id, enrolled_store_name, enrolled_terminal_id,
           enrolled_staff_id, enrolled_op_id, name_hlc, email_hlc, birthday_hlc,
           marketing_consent_hlc, hlc, arrived_at)
         VALUES ($1, 'c', 'Amy', $2, '9123', $3, '2025-03-01T00:00:00.000Z',
           '2025-01-01T00:00:00.000Z', $4, 'Central', $5, $1, $1, 'h', 'h', 'h',
           '000001740000000-00003-t', 'h', now())`,
        [id, phone, flag, store, till],
      );
    }
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('imports the flag as events on SMS and email, and derives the standing answers', async () => {
    const { rows } = await db.query<{ id: string; answer: string; hlc: string; method: string }>(
      `SELECT id, answer, hlc, method FROM consent_event ORDER BY id COLLATE "C"`,
    );
    expect(rows).toEqual([
      {
        id: `imported:email:granted:${yes}`,
        answer: 'granted',
        hlc: '000001740000000-00003-t',
        method: 'imported',
      },
      {
        id: `imported:email:withdrawn:${no}`,
        answer: 'withdrawn',
        hlc: '000001740000000-00003-t',
        method: 'imported',
      },
      {
        id: `imported:sms:granted:${yes}`,
        answer: 'granted',
        hlc: '000001740000000-00003-t',
        method: 'imported',
      },
      {
        id: `imported:sms:withdrawn:${no}`,
        answer: 'withdrawn',
        hlc: '000001740000000-00003-t',
        method: 'imported',
      },
    ]);
    const { rows: standing } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM consent_current',
    );
    expect(standing[0]?.n).toBe(4);
  });

  it('publishes them on the consent stream, in the shape terminals read', async () => {
    const { rows } = await db.query<{ seq: number; data: unknown }>(
      "SELECT seq, data FROM change_log WHERE stream = 'consent' ORDER BY seq",
    );
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    for (const row of rows) expect(pulledConsent.parse(row.data).kind).toBe('event');
  });

  it('keeps the events append-only', async () => {
    await expect(db.query("UPDATE consent_event SET answer = 'granted'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('DELETE FROM consent_event')).rejects.toThrow(/append-only/);
  });
});
