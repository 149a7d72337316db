import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, type TempDir } from '../../../../test/unit/helpers/terminal';

/**
 * Migration 17 (customer voice) on a ledger as it stood before it: feedback and complaint
 * events are append-only, a score outside its scale and an opened event without details are
 * refused by the table itself, and the pull cursor learns the complaints stream without losing
 * the cursors it had.
 */

let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
  db.pragma('foreign_keys = OFF');
  for (const migration of migrations.filter((m) => m.version < 17)) {
    db.exec(migration.up);
    db.pragma(`user_version = ${Number(migration.version)}`);
  }
  db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('consent', 42)").run();
  const mine = migrations.find((m) => m.version === 17);
  if (!mine) throw new Error('no migration 17');
  db.exec(mine.up);
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

const feedback = (id: string, scale: string, score: number) =>
  db
    .prepare(
      `INSERT INTO feedback (id, sale_id, member_id, scale, score, reasons, comment, store_id,
         terminal_id, staff_id, at, hlc) VALUES (?, NULL, NULL, ?, ?, '[]', '', 's', 't', NULL, 'a', 'h')`,
    )
    .run(id, scale, score);

describe('migration 17: customer voice', () => {
  it('keeps the cursors and learns the complaints stream', () => {
    expect(db.prepare("SELECT cursor FROM sync_cursor WHERE stream = 'consent'").get()).toEqual({
      cursor: 42,
    });
    db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('complaints', 1)").run();
    expect(() =>
      db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('gossip', 1)").run(),
    ).toThrow(/CHECK/);
  });

  it('refuses a score outside its scale, and any edit or deletion of feedback', () => {
    feedback('a', 'nps', 0);
    feedback('b', 'csat', 5);
    expect(() => feedback('c', 'csat', 0)).toThrow(/CHECK/);
    expect(() => feedback('d', 'nps', 11)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE feedback SET score = 10 WHERE id = 'a'").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare("DELETE FROM feedback WHERE id = 'a'").run()).toThrow(/append-only/);
  });

  it('complaint events are append-only, and only an opened event carries details', () => {
    const insert = db.prepare(
      `INSERT INTO complaint_event (id, complaint_id, kind, at, hlc, origin, note, details)
       VALUES (?, 'c', ?, 'a', 'h', 'terminal', '', ?)`,
    );
    insert.run('e1', 'opened', '{"ticket":"K3P7-QX2A"}');
    insert.run('e2', 'resolved', null);
    expect(() => insert.run('e3', 'opened', null)).toThrow(/CHECK/);
    expect(() => insert.run('e4', 'resolved', '{}')).toThrow(/CHECK/);
    expect(() => db.prepare("DELETE FROM complaint_event WHERE id = 'e2'").run()).toThrow(
      /append-only/,
    );
  });
});
