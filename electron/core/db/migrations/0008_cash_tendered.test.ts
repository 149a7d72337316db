import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, type TempDir } from '../../../../test/unit/helpers/terminal';

/**
 * Migration 8 (cash tendered): shift_sale gains cash_received_minor, only for cash, never
 * negative, and never less than the sale's paid amount; rows from before keep NULL.
 */

let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
  // The schema just before this migration, with foreign keys off so rows need no staff or shift.
  db.pragma('foreign_keys = OFF');
  for (const migration of migrations.filter((m) => m.version < 8)) {
    db.exec(migration.up);
    db.pragma(`user_version = ${Number(migration.version)}`);
  }
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

/** A sale row of `paid` minor units (no discounts, points or gift cards), with its id. */
function saleRow(id: string, paid: number): string {
  db.prepare(
    `INSERT INTO sale (id, number, kind, currency, subtotal_minor, discount_minor, total_minor,
       points_redeemed, redeem_value_minor, gift_card_minor, paid_minor, earn_base_minor,
       points_earned, points_pending, store_id, terminal_id, staff_id, created_at, hlc)
     VALUES (?, ?, 'sale', 'HKD', ?, 0, ?, 0, 0, 0, ?, ?, 0, 0, 's', 't', 'st', '2025-01-01', 'h')`,
  ).run(id, `1-${id}`, paid, paid, paid, paid);
  return id;
}

const ringUp = (saleId: string, tender: string, received: number | null) =>
  db
    .prepare(
      'INSERT INTO shift_sale (sale_id, shift_id, tender, cash_received_minor) VALUES (?, ?, ?, ?)',
    )
    .run(saleId, 'shift-1', tender, received);

describe('upgrading a ledger that already has shift sales', () => {
  it('keeps the old rows, with no cash received', () => {
    db.prepare(
      "INSERT INTO shift_sale (sale_id, shift_id, tender) VALUES ('a', 'shift-1', 'cash')",
    ).run();
    db.prepare(
      "INSERT INTO shift_sale (sale_id, shift_id, tender) VALUES ('b', 'shift-1', 'card')",
    ).run();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(8);
    expect(db.prepare('SELECT * FROM shift_sale ORDER BY sale_id').all()).toEqual([
      { sale_id: 'a', shift_id: 'shift-1', tender: 'cash', cash_received_minor: null },
      { sale_id: 'b', shift_id: 'shift-1', tender: 'card', cash_received_minor: null },
    ]);
  });
});

describe('after the migration', () => {
  beforeEach(() => migrate(db));

  it('takes cash received of at least the sale’s paid amount, for cash', () => {
    ringUp(saleRow('s1', 15_450), 'cash', 20_000);
    ringUp(saleRow('s2', 15_450), 'cash', 15_450);
    ringUp(saleRow('s3', 15_450), 'cash', null);
    ringUp(saleRow('s4', 8000), 'card', null);
    expect(
      db.prepare('SELECT sale_id, cash_received_minor FROM shift_sale ORDER BY sale_id').all(),
    ).toEqual([
      { sale_id: 's1', cash_received_minor: 20_000 },
      { sale_id: 's2', cash_received_minor: 15_450 },
      { sale_id: 's3', cash_received_minor: null },
      { sale_id: 's4', cash_received_minor: null },
    ]);
  });

  it('refuses cash received on card, a negative amount, or less than the sale’s paid amount', () => {
    expect(() => ringUp(saleRow('c1', 1000), 'card', 1000)).toThrow(/CHECK/);
    // With no sale row the trigger has nothing to compare; the column's own CHECK still holds.
    expect(() => ringUp('no-sale', 'cash', -1)).toThrow(/CHECK/);
    expect(() => ringUp(saleRow('c3', 15_450), 'cash', 15_449)).toThrow(/less than the amount due/);
    expect(db.prepare('SELECT count(*) AS n FROM shift_sale').get()).toEqual({ n: 0 });
  });

  it('is still append-only', () => {
    ringUp(saleRow('s1', 100), 'cash', 100);
    expect(() => db.prepare('UPDATE shift_sale SET cash_received_minor = 500').run()).toThrow(
      /append-only/,
    );
  });
});
