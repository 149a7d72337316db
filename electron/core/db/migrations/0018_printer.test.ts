import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, type TempDir } from '../../../../test/unit/helpers/terminal';

/**
 * Migration 18 (receipt printer): one STRICT row of settings, kept as a JSON object, naming the
 * staff member who changed them last.
 */
let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
  migrate(db);
  db.pragma('foreign_keys = ON');
  db.prepare(
    `INSERT INTO staff (id, name, role, created_at)
     VALUES ('s1', 'Mandy', 'manager', '2026-12-07T00:00:00Z')`,
  ).run();
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

const insert = (id: number, settings: string, by = 's1') =>
  db
    .prepare(
      `INSERT INTO printer_setting (id, settings, updated_at, updated_by)
       VALUES (?, ?, '2026-12-07T00:00:00Z', ?)`,
    )
    .run(id, settings, by);

describe('migration 18', () => {
  it('keeps one row of settings as a JSON object, by a known staff member', () => {
    expect(
      (
        db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'printer_setting'").get() as {
          strict: number;
        }
      ).strict,
    ).toBe(1);
    insert(1, '{"transport":"network"}');
    expect(() => insert(2, '{}')).toThrow(/CHECK/);
    db.prepare('DELETE FROM printer_setting').run();
    expect(() => insert(1, 'not json')).toThrow(/CHECK/);
    expect(() => insert(1, '[1,2]')).toThrow(/CHECK/);
    expect(() => insert(1, '{}', 'nobody')).toThrow(/FOREIGN KEY/);
  });
});
