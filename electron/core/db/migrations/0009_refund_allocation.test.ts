import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../migrate';
import { openLedger } from '../connection';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, testLedgerKey, type TempDir } from '../../../../test/unit/helpers/terminal';
import { sqlitePlan } from '../../../../test/unit/helpers/sqlitePlan';

/**
 * Migration 9 (refund allocation): a refund's shortfall points, the lot a returned redemption
 * stands for, and coupon voids.
 */

let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
  // The schema just before this migration, with foreign keys off so rows need no staff or member.
  db.pragma('foreign_keys = OFF');
  for (const migration of migrations.filter((m) => m.version < 9)) {
    db.exec(migration.up);
    db.pragma(`user_version = ${Number(migration.version)}`);
  }
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

function saleRow(id: string, kind: 'sale' | 'refund', shortfall: number | null): void {
  const sign = kind === 'sale' ? 1 : -1;
  db.prepare(
    `INSERT INTO sale (id, number, kind, refund_of, currency, subtotal_minor, discount_minor,
       total_minor, points_redeemed, redeem_value_minor, gift_card_minor, paid_minor,
       earn_base_minor, points_earned, points_pending, store_id, terminal_id, staff_id, created_at,
       hlc ${shortfall === null ? '' : ', points_shortfall'})
     VALUES (?, ?, ?, ?, 'HKD', ?, 0, ?, 0, 0, 0, ?, ?, 0, 0, 's', 't', 'st', '2025-01-01', 'h'
       ${shortfall === null ? '' : ', ?'})`,
  ).run(
    id,
    `1-${id}`,
    kind,
    kind === 'refund' ? 'a' : null,
    sign * 100,
    sign * 100,
    sign * 100,
    sign * 100,
    ...(shortfall === null ? [] : [shortfall]),
  );
}

function entry(id: string, kind: string, points: number, returnsLotId: string | null = null) {
  db.prepare(
    `INSERT INTO points_entry (id, member_id, kind, points, reverses_id, lot_id, returns_lot_id,
       terminal_id, staff_id, created_at, hlc)
     VALUES (?, 'm', ?, ?, ?, ?, ?, 't', 'st', '2025-01-01', 'h')`,
  ).run(id, kind, points, kind === 'reverse_redeem' ? 'r' : null, returnsLotId, returnsLotId);
}

describe('upgrading a ledger that already has sales and refunds', () => {
  it('keeps them, each with no shortfall points', () => {
    saleRow('a', 'sale', null);
    saleRow('b', 'refund', null);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(9);
    expect(db.prepare('SELECT id, points_shortfall FROM sale ORDER BY id').all()).toEqual([
      { id: 'a', points_shortfall: 0 },
      { id: 'b', points_shortfall: 0 },
    ]);
  });
});

describe('after the migration', () => {
  beforeEach(() => migrate(db));

  it('a refund may record shortfall points (≤ 0); a sale, or a positive figure, is refused', () => {
    saleRow('a', 'sale', 0);
    saleRow('b', 'refund', -7);
    expect(() => saleRow('c', 'sale', -1)).toThrow(/CHECK/);
    expect(() => saleRow('d', 'refund', 3)).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM sale').get()).toEqual({ n: 2 });
  });

  it('only a reverse_redeem names the lot it returns', () => {
    entry('e1', 'earn', 100);
    entry('e2', 'reverse_redeem', 10, 'e1');
    expect(() => entry('e3', 'earn', 10, 'e1')).toThrow(/CHECK/);
  });

  it('a coupon is voided once, and the void is never edited or removed', () => {
    const add = () =>
      db
        .prepare(
          `INSERT INTO coupon_void (coupon_id, refund_id, reason, terminal_id, created_at, hlc)
           VALUES ('c1', NULL, 'sale_refunded', 't', '2025-01-01', 'h')`,
        )
        .run();
    add();
    expect(add).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare('DELETE FROM coupon_void').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE coupon_void SET reason = 'x'").run()).toThrow(/append-only/);
  });
});

describe('on a fresh ledger', () => {
  it('points returned in place of a lot are found through their index, not a scan', () => {
    const ledger = openLedger(path.join(tmp.dir, 'fresh.sqlite'), { key: testLedgerKey() });
    try {
      expect(
        sqlitePlan(
          ledger,
          `SELECT lot_id, sum(points) AS points FROM points_entry
           WHERE returns_lot_id = ? AND lot_id <> returns_lot_id GROUP BY lot_id`,
        ),
      ).toContain('USING INDEX points_entry_returns_lot (returns_lot_id=?)');
    } finally {
      ledger.close();
    }
  });
});
