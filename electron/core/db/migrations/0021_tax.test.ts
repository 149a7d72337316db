import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, type TempDir } from '../../../../test/unit/helpers/terminal';
import { sqlitePlan } from '../../../../test/unit/helpers/sqlitePlan';

/**
 * Migration 21 on a ledger file at 20 with foreign keys on: the sale table is rebuilt for its new
 * CHECK (the total includes tax added at the till), keeping every row, every reference to it,
 * its indexes and its append-only triggers.
 */
let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
  db.pragma('foreign_keys = ON');
  for (const migration of migrations.filter((m) => m.version <= 20)) {
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${Number(migration.version)}`);
    })();
  }
  db.prepare(
    "INSERT INTO staff (id, name, role, created_at) VALUES ('st', 'Ann', 'manager', '2025-01-01')",
  ).run();
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

interface Row {
  id: string;
  kind: 'sale' | 'refund';
  refundOf?: string;
  total: number;
  tax?: number;
  mode?: 'none' | 'inclusive' | 'exclusive';
  subtotal?: number;
}

function insertSale(row: Row): void {
  const withTax = row.mode !== undefined;
  db.prepare(
    `INSERT INTO sale (id, number, kind, refund_of, currency, subtotal_minor, discount_minor,
       total_minor, points_redeemed, redeem_value_minor, gift_card_minor, paid_minor,
       earn_base_minor, points_earned, points_pending, store_id, terminal_id, staff_id, created_at,
       hlc ${withTax ? ', tax_mode, tax_minor' : ''})
     VALUES (?, ?, ?, ?, 'HKD', ?, 0, ?, 0, 0, 0, ?, ?, 0, 0, 's', 't', 'st', '2025-01-01', 'h'
       ${withTax ? ', ?, ?' : ''})`,
  ).run(
    row.id,
    `1-${row.id}`,
    row.kind,
    row.refundOf ?? null,
    row.subtotal ?? row.total,
    row.total,
    row.total,
    row.total,
    ...(withTax ? [row.mode, row.tax ?? 0] : []),
  );
}

function line(saleId: string, quantity: number, amount: number, refundsLineNo: number | null) {
  db.prepare(
    `INSERT INTO sale_line (sale_id, line_no, description, quantity, unit_price_minor,
       amount_minor, kind, discount_minor, net_minor, points_earned, refunds_line_no)
     VALUES (?, 1, 'Tea', ?, ?, ?, 'goods', 0, ?, 0, ?)`,
  ).run(saleId, quantity, amount / quantity, amount, amount, refundsLineNo);
}

describe('migration 21: tax', () => {
  it('keeps every sale, refund and line, and every reference between them, with no tax', () => {
    insertSale({ id: 'a', kind: 'sale', total: 2000 });
    line('a', 2, 2000, null);
    insertSale({ id: 'b', kind: 'refund', refundOf: 'a', total: -1000 });
    line('b', -1, -1000, 1);
    const before = db.prepare('SELECT * FROM sale ORDER BY sale_no').all();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(21);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const after = db.prepare('SELECT * FROM sale ORDER BY sale_no').all() as Record<
      string,
      unknown
    >[];
    expect(after).toEqual(
      (before as Record<string, unknown>[]).map((row) => ({
        ...row,
        tax_mode: 'none',
        tax_minor: 0,
      })),
    );
    expect(db.prepare('SELECT tax_rate_bp, tax_minor FROM sale_line').all()).toEqual([
      { tax_rate_bp: 0, tax_minor: 0 },
      { tax_rate_bp: 0, tax_minor: 0 },
    ]);
  });

  it('after it: a total with tax added at the till is accepted, a total that does not add up is refused', () => {
    migrate(db);
    insertSale({
      id: 'x',
      kind: 'sale',
      subtotal: 10_000,
      total: 10_800,
      tax: 800,
      mode: 'exclusive',
    });
    insertSale({
      id: 'y',
      kind: 'sale',
      subtotal: 11_000,
      total: 11_000,
      tax: 1000,
      mode: 'inclusive',
    });
    expect(() =>
      insertSale({
        id: 'z',
        kind: 'sale',
        subtotal: 10_000,
        total: 10_800,
        tax: 800,
        mode: 'inclusive',
      }),
    ).toThrow(/CHECK/);
    expect(() =>
      insertSale({
        id: 'w',
        kind: 'sale',
        subtotal: 10_000,
        total: 10_000,
        tax: 800,
        mode: 'none',
      }),
    ).toThrow(/CHECK/);
    expect(() =>
      insertSale({
        id: 'v',
        kind: 'sale',
        subtotal: 10_000,
        total: 9_200,
        tax: -800,
        mode: 'exclusive',
      }),
    ).toThrow(/CHECK/);
  });

  it('keeps the table append-only, its references enforced, and the indexes its queries use', () => {
    migrate(db);
    insertSale({ id: 'a', kind: 'sale', total: 100 });
    expect(() => db.prepare("UPDATE sale SET total_minor = 1 WHERE id = 'a'").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare("DELETE FROM sale WHERE id = 'a'").run()).toThrow(/append-only/);
    expect(() => line('nope', 1, 100, null)).toThrow(/FOREIGN KEY/);
    expect(
      sqlitePlan(
        db,
        'SELECT coalesce(sum(earn_base_minor), 0) FROM sale WHERE member_id = ? AND created_at >= ?',
      ),
    ).toMatch(/sale_member_spend/);
    expect(sqlitePlan(db, 'SELECT id FROM sale WHERE refund_of = ?')).toMatch(/sale_refund_of/);
    const triggers = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%sale%' ORDER BY name",
      )
      .all();
    expect(triggers).toContainEqual({ name: 'shift_sale_cash_covers_due' });
  });
});
