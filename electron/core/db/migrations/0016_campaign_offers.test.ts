import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, type TempDir } from '../../../../test/unit/helpers/terminal';

/**
 * Migration 16 (campaign offers): the offer table is STRICT and keyed by member and campaign,
 * a sale can keep the offer it earned with, and the pull cursor learns the offers stream
 * without losing the cursors it had.
 */
let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
  db.pragma('foreign_keys = OFF');
  for (const migration of migrations.filter((m) => m.version < 16)) {
    db.exec(migration.up);
    db.pragma(`user_version = ${Number(migration.version)}`);
  }
  db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('consent', 7)").run();
  migrate(db);
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

describe('migration 16 on a ledger that has pulled before', () => {
  it('keeps the cursors and takes one for the offers stream', () => {
    db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('offers', 3)").run();
    expect(db.prepare('SELECT stream, cursor FROM sync_cursor ORDER BY stream').all()).toEqual([
      { stream: 'consent', cursor: 7 },
      { stream: 'offers', cursor: 3 },
    ]);
    expect(() =>
      db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('gossip', 1)").run(),
    ).toThrow(/CHECK/);
  });

  it('makes member_offer STRICT, one row per member and campaign, percent within bounds', () => {
    const insert = db.prepare(
      `INSERT INTO member_offer (campaign_id, member_id, variant_id, campaign_name, percent,
         from_date, to_date, withdrawn) VALUES ('c', 'm', 'v', 'Double', ?, '2030-06-10', '2030-06-16', 0)`,
    );
    insert.run(200);
    expect(() => insert.run(200)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("UPDATE member_offer SET percent = 'double'").run()).toThrow();
    expect(() => db.prepare('UPDATE member_offer SET percent = 100').run()).toThrow(/CHECK/);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM member_offer WHERE member_id = 'm' AND withdrawn = 0",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (INDEX|PRIMARY KEY)/);
  });
});
