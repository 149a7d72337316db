import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/result';
import { openLedger } from './connection';
import { LATEST_VERSION, migrate, migrations } from './migrate';
import { LEDGER_FILE } from '../core';
import { campaign, programWith } from '../../../test/unit/helpers/loyalty';
import {
  MANAGER_PIN,
  makeTempDir,
  testLedgerKey,
  openTestCore,
  snapshot,
  unwrap,
  type TempDir,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import { sqlitePlan } from '../../../test/unit/helpers/sqlitePlan';

let tmp: TempDir;
let file: string;
const open: Database.Database[] = [];

function track(db: Database.Database): Database.Database {
  open.push(db);
  return db;
}

beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, LEDGER_FILE);
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  tmp.remove();
});

const planOf = (db: Database.Database, sql: string) => sqlitePlan(db, sql);

describe('a fresh ledger', () => {
  it(`is migrated to user_version = LATEST_VERSION (${LATEST_VERSION}) with numbered, gapless migrations`, () => {
    const db = track(openLedger(file, { key: testLedgerKey() }));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('runs in WAL with synchronous = FULL (2), foreign keys on and a busy timeout', () => {
    const db = track(openLedger(file, { key: testLedgerKey() }));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('makes every ordinary table STRICT', () => {
    const db = track(openLedger(file, { key: testLedgerKey() }));
    const tables = (
      db.prepare('PRAGMA main.table_list').all() as { name: string; type: string; strict: number }[]
    ).filter((t) => t.type === 'table' && !t.name.startsWith('sqlite_'));
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables)
      expect({ table: table.name, strict: table.strict }).toEqual({ table: table.name, strict: 1 });
  });

  it.each([
    [1, ['member', 'outbox', 'points_entry', 'sale', 'sale_line', 'staff', 'terminal']],
    [
      2,
      [
        'audit_log',
        'coupon',
        'coupon_use',
        'gift_card',
        'program',
        'referral_reward',
        'stored_value_entry',
        'tier_change',
      ],
    ],
  ])(
    'migration %i creates exactly its tables, STRICT, on a fresh database',
    (version, expected) => {
      const db = track(new Database(file));
      const tableNames = () =>
        (db.prepare('PRAGMA main.table_list').all() as { name: string; type: string }[])
          .filter((t) => t.type === 'table' && !t.name.startsWith('sqlite_'))
          .map((t) => t.name);
      for (const migration of migrations.filter((m) => m.version < version)) db.exec(migration.up);
      const before = new Set(tableNames());
      db.exec((migrations[version - 1] as (typeof migrations)[number]).up);
      const added = tableNames().filter((name) => !before.has(name));
      expect(added.sort()).toEqual([...expected].sort());
      const strict = (
        db.prepare('PRAGMA main.table_list').all() as { name: string; strict: number }[]
      ).filter((t) => added.includes(t.name));
      for (const t of strict)
        expect({ table: t.name, strict: t.strict }).toEqual({ table: t.name, strict: 1 });
    },
  );

  it('passes the integrity and foreign-key checks', () => {
    const db = track(openLedger(file, { key: testLedgerKey() }));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('reopening', () => {
  it('is a no-op: same user_version, same schema, same rows', () => {
    const core = openTestCore();
    try {
      unwrap(
        core.dispatch('member.enroll', { name: 'Amy', phone: '9123 4567', marketingConsent: true }),
      );
      const before = snapshot(core.db);
      core.close();
      const again = track(
        openLedger(path.join(core.dataDir, LEDGER_FILE), { key: testLedgerKey() }),
      );
      expect(snapshot(again)).toBe(before);
      migrate(again);
      expect(snapshot(again)).toBe(before);
    } finally {
      core.cleanup();
    }
  });
});

describe('a ledger from a newer app', () => {
  function writeFutureLedger(journalMode: 'delete' | 'wal'): Buffer {
    const db = new Database(file);
    db.pragma(`journal_mode = ${journalMode}`);
    db.exec(
      "CREATE TABLE future_thing (id INTEGER PRIMARY KEY, note TEXT) STRICT; INSERT INTO future_thing (note) VALUES ('keep me');",
    );
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    return fs.readFileSync(file);
  }

  function expectRefused(): void {
    let thrown: unknown;
    try {
      track(openLedger(file, { key: testLedgerKey() }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).error.code).toBe('database_newer');
    expect((thrown as DomainError).error.message).toMatch(/newer version/);
  }

  it(`is refused with database_newer (user_version ${LATEST_VERSION + 1}) and its file is unchanged (rollback journal)`, () => {
    const before = writeFutureLedger('delete');
    expectRefused();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(tmp.dir)).toEqual([LEDGER_FILE]);
  });

  it('is refused with database_newer and its file is unchanged (WAL)', () => {
    const before = writeFutureLedger('wal');
    expectRefused();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('migrate() itself refuses it without touching user_version', () => {
    writeFutureLedger('delete');
    const db = track(new Database(file, { readonly: true }));
    expect(() => migrate(db)).toThrow(DomainError);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
  });
});

describe('indexes are used by the queries that need them', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = track(openLedger(file, { key: testLedgerKey() }));
  });

  it('member by phone uses an index on phone_e164 (not unique: offline stores may enroll one phone twice)', () => {
    const indexes = db.prepare("PRAGMA index_list('member')").all() as {
      name: string;
      unique: number;
    }[];
    const phoneIndex = indexes.find(
      (index) =>
        (db.prepare('SELECT name FROM pragma_index_info(?)').all(index.name) as { name: string }[])
          .map((c) => c.name)
          .join() === 'phone_e164',
    );
    expect(phoneIndex).toBeDefined();
    expect(
      planOf(
        db,
        'SELECT id, card_number, name, phone_e164, points_balance FROM member WHERE phone_e164 = ?',
      ),
    ).toContain(`SEARCH member USING INDEX ${phoneIndex?.name} (phone_e164=?)`);
  });

  it('member by card uses the UNIQUE index on card_number', () => {
    expect(planOf(db, 'SELECT id FROM member WHERE card_number = ?')).toMatch(
      /SEARCH member USING (COVERING )?INDEX sqlite_autoindex_member_\d \(card_number=\?\)/,
    );
  });

  it('a member’s points history and ledger sum use points_entry_member', () => {
    expect(
      planOf(
        db,
        `SELECT e.id, s.number, st.name FROM points_entry e LEFT JOIN sale s ON s.id = e.sale_id
         JOIN staff st ON st.id = e.staff_id WHERE e.member_id = ? ORDER BY e.entry_no DESC LIMIT ?`,
      ),
    ).toContain('SEARCH e USING INDEX points_entry_member (member_id=?)');
    expect(
      planOf(db, 'SELECT coalesce(sum(points), 0) FROM points_entry WHERE member_id = ?'),
    ).toMatch(/USING (COVERING )?INDEX points_entry_member \(member_id=\?\)/);
  });

  it('the pending outbox count uses outbox_pending', () => {
    expect(planOf(db, 'SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL')).toMatch(
      /USING (COVERING )?INDEX outbox_pending/,
    );
  });

  it('a sale’s refunds (by refund_of) use sale_refund_of, also inside the receipt and refunded-quantity queries', () => {
    expect(planOf(db, 'SELECT r.id FROM sale r WHERE r.refund_of = ?')).toContain(
      'SEARCH r USING INDEX sale_refund_of (refund_of=?)',
    );
    expect(
      planOf(
        db,
        `SELECT s.*, st.name AS staff_name,
           (SELECT r.id FROM sale r WHERE r.refund_of = s.id ORDER BY r.sale_no DESC LIMIT 1)
             AS refunded_by
         FROM sale s JOIN staff st ON st.id = s.staff_id WHERE s.id = ?`,
      ),
    ).toContain('SEARCH r USING INDEX sale_refund_of (refund_of=?)');
    expect(
      planOf(
        db,
        `SELECT l.*, (SELECT coalesce(-sum(rl.quantity), 0) FROM sale r
            JOIN sale_line rl ON rl.sale_id = r.id AND rl.refunds_line_no = l.line_no
          WHERE r.refund_of = l.sale_id) AS refunded_quantity
         FROM sale_line l WHERE l.sale_id = ? ORDER BY l.line_no`,
      ),
    ).toContain('SEARCH r USING INDEX sale_refund_of (refund_of=?)');
  });

  it('sale_refund_of is not unique: a sale may have several partial refunds', () => {
    const index = (
      db.prepare("PRAGMA index_list('sale')").all() as { name: string; unique: number }[]
    ).find((i) => i.name === 'sale_refund_of');
    expect(index?.unique).toBe(0);
  });

  it('expiry catch-up, coupon look-ups and stored value use their indexes', () => {
    expect(
      planOf(
        db,
        `SELECT DISTINCT lot.member_id FROM points_entry lot
         WHERE lot.expires_at IS NOT NULL AND lot.expires_at <= ? AND lot.points > 0
           AND lot.member_id > ?
           AND NOT EXISTS (SELECT 1 FROM points_entry x WHERE x.kind = 'expire' AND x.lot_id = lot.id)`,
      ),
    ).toMatch(/USING (COVERING )?INDEX points_entry_(expiry|member)/);
    expect(
      planOf(db, "SELECT 1 FROM points_entry x WHERE x.kind = 'expire' AND x.lot_id = ?"),
    ).toContain('points_entry_expired_once');
    expect(
      planOf(db, 'SELECT id FROM points_entry WHERE reverses_id = ? ORDER BY entry_no'),
    ).toContain('points_entry_reverses');
    expect(planOf(db, 'SELECT id FROM coupon WHERE code = ?')).toMatch(
      /sqlite_autoindex_coupon_\d/,
    );
    expect(planOf(db, 'SELECT id FROM coupon_use WHERE coupon_id = ?')).toContain(
      'coupon_use_coupon',
    );
    expect(planOf(db, 'SELECT id FROM coupon_use WHERE sale_id = ? ORDER BY use_no')).toContain(
      'coupon_use_sale',
    );
    expect(
      planOf(db, 'SELECT id FROM stored_value_entry WHERE sale_id = ? ORDER BY entry_no'),
    ).toContain('stored_value_sale');
    expect(
      planOf(db, 'SELECT sum(amount_minor) FROM stored_value_entry WHERE gift_card_id = ?'),
    ).toContain('stored_value_card');
    expect(
      planOf(db, 'SELECT member_no, id FROM member WHERE birth_month = ? AND birthday IS NOT NULL'),
    ).toContain('member_birth_month');
  });

  it('a sale’s points entries use points_entry_sale; a member’s sales use sale_member', () => {
    expect(planOf(db, 'SELECT id FROM points_entry WHERE sale_id = ? ORDER BY entry_no')).toContain(
      'USING INDEX points_entry_sale (sale_id=?)',
    );
    expect(planOf(db, 'SELECT id FROM sale WHERE member_id = ? ORDER BY sale_no DESC')).toContain(
      'USING INDEX sale_member (member_id=?)',
    );
  });
});

const ledgerProgram = programWith({
  coupons: {
    campaigns: [campaign({ id: 'tenoff' })],
    welcomeCampaignId: null,
    birthdayCampaignId: null,
    nextOrder: null,
  },
});

describe('the ledger refuses edits at the database level', () => {
  let core: TestCore;
  beforeEach(() => {
    // One row in every append-only table: a coupon used, a gift card sold, a tier won, an audit.
    core = openTestCore({ program: ledgerProgram });
    const member = unwrap(
      core.dispatch('member.enroll', { name: 'Amy', phone: '9123 4567', marketingConsent: true }),
    ) as { id: string };
    const coupon = unwrap(
      core.dispatch('coupon.issue', { campaignId: 'tenoff', memberId: member.id }),
    ) as { code: string };
    unwrap(
      core.dispatch('sale.record', {
        saleId: '01900000-0000-7000-8000-000000000001',
        memberId: member.id,
        lines: [
          { description: 'Tea', quantity: 2, unitPriceMinor: 200_000 },
          { description: 'Gift card', quantity: 1, unitPriceMinor: 5000, kind: 'gift_card' },
        ],
        redeemPoints: 0,
        couponCodes: [coupon.code],
      }),
    );
    unwrap(
      core.dispatch('points.adjust', {
        memberId: member.id,
        points: 5,
        reason: 'Goodwill',
        managerPin: MANAGER_PIN,
      }),
    );
  });
  afterEach(() => core.cleanup());

  it.each([
    ['UPDATE points_entry SET points = points + 100', /append-only/],
    ['DELETE FROM points_entry', /append-only/],
    ["UPDATE sale SET total_minor = 1 WHERE kind = 'sale'", /append-only/],
    ['DELETE FROM sale', /append-only/],
    ['UPDATE sale_line SET unit_price_minor = 1', /append-only/],
    ['DELETE FROM sale_line', /append-only/],
    ['UPDATE coupon_use SET discount_minor = 0', /append-only/],
    ['DELETE FROM coupon_use', /append-only/],
    ['UPDATE stored_value_entry SET amount_minor = 1', /append-only/],
    ['DELETE FROM stored_value_entry', /append-only/],
    ["UPDATE tier_change SET to_tier = 'platinum'", /append-only/],
    ['DELETE FROM tier_change', /append-only/],
    ["UPDATE audit_log SET reason = 'nothing happened'", /append-only/],
    ['DELETE FROM audit_log', /append-only/],
    ['DELETE FROM outbox', /never deleted/],
    ["UPDATE outbox SET payload = '{}' WHERE seq = 1", /only be acknowledged/],
    ['UPDATE outbox SET seq = 99 WHERE seq = 1', /only be acknowledged/],
  ])('%s is refused', (sql, message) => {
    const before = snapshot(core.db);
    expect(() => core.db.exec(sql)).toThrow(message);
    expect(snapshot(core.db)).toBe(before);
  });

  it('an outbox row may be acknowledged once, and not again', () => {
    core.db.prepare("UPDATE outbox SET acked_at = '2024-01-01T00:00:00Z' WHERE seq = 1").run();
    expect(() =>
      core.db.prepare("UPDATE outbox SET acked_at = '2024-01-02T00:00:00Z' WHERE seq = 1").run(),
    ).toThrow(/only be acknowledged/);
  });

  it('outbox seq must be gapless: max + 2 is refused, max + 1 is accepted', () => {
    const { max } = core.db.prepare('SELECT max(seq) AS max FROM outbox').get() as { max: number };
    const insert = core.db.prepare(
      `INSERT INTO outbox (seq, op_id, op_type, payload, terminal_id, staff_id, hlc, created_at)
       VALUES (?, ?, 'test', '{}', 't', 's', 'h', 'c')`,
    );
    expect(() => insert.run(max + 2, 'gap')).toThrow(/gapless/);
    expect(() => insert.run(max, 'dup')).toThrow();
    expect(() => insert.run(0, 'zero')).toThrow(/gapless/);
    expect(() => insert.run(max + 1, 'next')).not.toThrow();
  });

  it('STRICT columns refuse a fractional or text amount; CHECKs refuse inconsistent sale lines', () => {
    const sale = core.db.prepare("SELECT id FROM sale WHERE kind = 'sale'").get() as { id: string };
    const insertLine = core.db.prepare(
      `INSERT INTO sale_line (sale_id, line_no, description, quantity, unit_price_minor, amount_minor,
         kind, discount_minor, net_minor, points_earned)
       VALUES (?, ?, 'x', ?, ?, ?, 'goods', 0, ?, 0)`,
    );
    const line = {
      run: (saleId: string, lineNo: number, quantity: unknown, unit: unknown, amount: unknown) =>
        insertLine.run(saleId, lineNo, quantity, unit, amount, amount),
    };
    expect(() => line.run(sale.id, 9, 1, 12.5, 12.5)).toThrow(
      /cannot store REAL value in INTEGER column/,
    );
    expect(() => line.run(sale.id, 9, 1, '12', 'abc')).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    expect(() => line.run(sale.id, 9, 2, 100, 100)).toThrow(/CHECK constraint failed/);
    expect(() => insertLine.run(sale.id, 9, 1, 100, 100, 90)).toThrow(/CHECK constraint failed/);
  });

  it('foreign keys are enforced: a points entry for a missing member is refused', () => {
    expect(() =>
      core.db
        .prepare(
          `INSERT INTO points_entry (id, member_id, kind, points, terminal_id, staff_id, created_at, hlc)
           VALUES ('x', 'no-such-member', 'earn', 1, 't', (SELECT id FROM staff LIMIT 1), 'c', 'h')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });
});
