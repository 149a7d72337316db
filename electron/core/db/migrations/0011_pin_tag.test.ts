import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, type TempDir } from '../../../../test/unit/helpers/terminal';

/**
 * Migration 11 (PIN tags): old scrypt hashes stay until their owners next sign in; a tag names
 * one active person, and a deactivated person's tag no longer holds the PIN.
 */

let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
  for (const migration of migrations.filter((m) => m.version < 11)) {
    db.exec(migration.up);
    db.pragma(`user_version = ${Number(migration.version)}`);
  }
  db.prepare(
    `INSERT INTO staff (id, name, role, pin_hash, created_at)
     VALUES ('old', 'Olive', 'manager', 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', 'x')`,
  ).run();
  migrate(db);
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

const addStaff = (id: string, tag: string, deactivated: string | null = null) =>
  db
    .prepare(
      `INSERT INTO staff (id, name, role, pin_tag, created_at, deactivated_at)
       VALUES (?, ?, 'cashier', ?, 'x', ?)`,
    )
    .run(id, id, tag, deactivated);

describe('migration 11', () => {
  it('keeps the old hash, with no tag yet', () => {
    expect(db.prepare("SELECT pin_hash, pin_tag FROM staff WHERE id = 'old'").get()).toEqual({
      pin_hash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==',
      pin_tag: null,
    });
  });

  it('lets one active person hold a tag; a deactivated holder frees it', () => {
    addStaff('a', 'T1');
    expect(() => addStaff('b', 'T1')).toThrow(/UNIQUE/);
    db.prepare("UPDATE staff SET deactivated_at = 'y' WHERE id = 'a'").run();
    addStaff('b', 'T1');
    addStaff('c', 'T2', 'z');
    addStaff('d', 'T2');
    expect(db.prepare('SELECT count(*) AS n FROM staff WHERE pin_tag IS NOT NULL').get()).toEqual({
      n: 4,
    });
  });
});
