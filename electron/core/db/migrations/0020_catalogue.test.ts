import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, type TempDir } from '../../../../test/unit/helpers/terminal';
import { sqlitePlan } from '../../../../test/unit/helpers/sqlitePlan';

/**
 * Migration 20 on a ledger at 19: the catalogue's tables, its name index, and the products
 * stream's cursor beside the cursors the till already kept.
 */
let tmp: TempDir;
let db: Database.Database;

const upTo = (version: number) => {
  for (const migration of migrations.filter((m) => m.version <= version)) {
    db.exec(migration.up);
    db.pragma(`user_version = ${Number(migration.version)}`);
  }
};

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

describe('migration 20: the catalogue', () => {
  it('keeps every stream’s cursor and takes one for products', () => {
    upTo(19);
    db.prepare(
      "INSERT INTO sync_cursor (stream, cursor) VALUES ('members', 41), ('offers', 7)",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('products', 1)").run(),
    ).toThrow(/CHECK/);
    db.exec(migrations.find((m) => m.version === 20)!.up);
    db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('products', 3)").run();
    expect(db.prepare('SELECT stream, cursor FROM sync_cursor ORDER BY stream').all()).toEqual([
      { stream: 'members', cursor: 41 },
      { stream: 'offers', cursor: 7 },
      { stream: 'products', cursor: 3 },
    ]);
    expect(() =>
      db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('shelves', 1)").run(),
    ).toThrow(/CHECK/);
  });

  it('holds an item with its barcodes; a SKU and a barcode belong to one item', () => {
    upTo(20);
    const item = db.prepare(
      `INSERT INTO catalogue_item (item_id, sku, name_en, name_zh_hant, name_zh_hans, price_minor,
         active) VALUES (?, ?, 'Milk tea', '奶茶', '奶茶', 2200, 1)`,
    );
    item.run('a', 'MT-1');
    expect(() => item.run('b', 'MT-1')).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO catalogue_barcode (code, item_id) VALUES ('4006381333931', 'a')").run();
    expect(() =>
      db
        .prepare("INSERT INTO catalogue_barcode (code, item_id) VALUES ('4006381333931', 'a')")
        .run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO catalogue_item (item_id, sku, name_en, name_zh_hant, name_zh_hans,
             price_minor, active) VALUES ('c', 'X', 'x', '', '', -1, 1)`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('finds a three-character fragment through the trigram index and scans barcodes by key', () => {
    upTo(20);
    db.prepare(
      "INSERT INTO catalogue_search (rowid, names) VALUES (1, 'milk tea\n港式奶茶')",
    ).run();
    expect(
      db
        .prepare('SELECT rowid FROM catalogue_search WHERE catalogue_search MATCH \'"式奶茶"\'')
        .pluck()
        .all(),
    ).toEqual([1]);
    expect(
      sqlitePlan(db, 'SELECT rowid FROM catalogue_search WHERE catalogue_search MATCH ?'),
    ).toMatch(/VIRTUAL TABLE INDEX/);
    expect(sqlitePlan(db, 'SELECT item_id FROM catalogue_barcode WHERE code = ?')).toMatch(
      /USING PRIMARY KEY \(code=\?\)/,
    );
    expect(sqlitePlan(db, 'SELECT item_id FROM catalogue_item WHERE sku >= ? AND sku < ?')).toMatch(
      /USING INDEX sqlite_autoindex_catalogue_item_2 \(sku>\? AND sku<\?\)/,
    );
  });
});
