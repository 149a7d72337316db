import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, type TempDir } from '../../../../test/unit/helpers/terminal';

/**
 * Migration 19 on a ledger as the old complaints stream left it: this store's complaints stay,
 * whoever stepped them; another store's go, every event; complaint events stay append-only.
 */
let tmp: TempDir;
let db: Database.Database;

const upTo = (version: number) => {
  for (const migration of migrations.filter((m) => m.version <= version)) {
    db.exec(migration.up);
    db.pragma(`user_version = ${Number(migration.version)}`);
  }
};

/** The terminal's row, every required column filled, in store `storeId`. */
function joinStore(storeId: string) {
  const columns = (
    db.prepare('PRAGMA table_info(terminal)').all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: unknown;
    }[]
  ).filter((c) => c.notnull && c.dflt_value === null);
  const value = (c: { name: string; type: string }) =>
    c.name === 'id' ? 1 : c.name === 'store_id' ? storeId : c.type === 'INTEGER' ? 10001 : 'x';
  db.prepare(
    `INSERT INTO terminal (${columns.map((c) => c.name).join(', ')})
     VALUES (${columns.map(() => '?').join(', ')})`,
  ).run(...columns.map(value));
}

let seq = 0;
const event = (complaintId: string, kind: string, storeId: string | null) =>
  db
    .prepare(
      `INSERT INTO complaint_event (id, complaint_id, kind, at, hlc, origin, store_id, note,
         details, ticket)
       VALUES (?, ?, ?, '2026-11-02T01:00:00.000Z', ?, ?, ?, '', ?, ?)`,
    )
    .run(
      `e${++seq}`,
      complaintId,
      kind,
      `h${String(seq).padStart(4, '0')}`,
      storeId ? 'terminal' : 'head_office',
      storeId,
      kind === 'opened' ? JSON.stringify({ whatHappened: 'x' }) : null,
      kind === 'opened' ? `T${complaintId}` : null,
    );

const held = () =>
  (
    db.prepare('SELECT complaint_id, kind FROM complaint_event ORDER BY id').all() as {
      complaint_id: string;
      kind: string;
    }[]
  ).map((r) => `${r.complaint_id}:${r.kind}`);

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
  db.pragma('foreign_keys = OFF');
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

describe('migration 19: other stores’ complaints removed', () => {
  it('keeps this store’s complaints and every step of them, and removes every other store’s', () => {
    upTo(18);
    joinStore('central');
    event('mine', 'opened', 'central');
    event('theirs', 'opened', 'sha-tin');
    event('mine', 'acknowledged', null); // head office's step carries no store
    event('theirs', 'resolved', null);
    event('theirs', 'reopened', 'sha-tin');
    event('mine', 'resolved', 'central');
    db.exec(migrations.find((m) => m.version === 19)!.up);
    expect(held()).toEqual(['mine:opened', 'mine:acknowledged', 'mine:resolved']);
    expect(() =>
      db.prepare("DELETE FROM complaint_event WHERE complaint_id = 'mine'").run(),
    ).toThrow(/append-only/);
  });

  it('leaves a ledger that has not joined a store as it was', () => {
    upTo(18);
    event('early', 'opened', 'central');
    db.exec(migrations.find((m) => m.version === 19)!.up);
    expect(held()).toEqual(['early:opened']);
  });
});
