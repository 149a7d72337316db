import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/result';
import { openLedger } from './connection';
import { LATEST_VERSION, migrate, migrations } from './migrate';
import { LEDGER_FILE } from '../core';
import {
  makeTempDir,
  openTestCore,
  snapshot,
  unwrap,
  type TempDir,
  type TestCore,
} from '../../../test/unit/helpers/terminal';

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

function planOf(db: Database.Database, sql: string): string {
  const params = (sql.match(/\?/g) ?? []).map(() => 'x');
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((row) => row.detail)
    .join(' | ');
}

describe('a fresh ledger', () => {
  it(`is migrated to user_version = LATEST_VERSION (${LATEST_VERSION}) with numbered, gapless migrations`, () => {
    const db = track(openLedger(file));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('runs in WAL with synchronous = FULL (2), foreign keys on and a busy timeout', () => {
    const db = track(openLedger(file));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('makes every ordinary table STRICT', () => {
    const db = track(openLedger(file));
    const tables = (
      db.prepare('PRAGMA main.table_list').all() as { name: string; type: string; strict: number }[]
    ).filter((t) => t.type === 'table' && !t.name.startsWith('sqlite_'));
    expect(tables.map((t) => t.name).sort()).toEqual(
      ['member', 'outbox', 'points_entry', 'sale', 'sale_line', 'staff', 'terminal'].sort(),
    );
    for (const table of tables)
      expect({ table: table.name, strict: table.strict }).toEqual({ table: table.name, strict: 1 });
  });

  it('passes the integrity and foreign-key checks', () => {
    const db = track(openLedger(file));
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
      const again = track(openLedger(path.join(core.dataDir, LEDGER_FILE)));
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
      track(openLedger(file));
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
    db = track(openLedger(file));
  });

  it('member by phone uses the UNIQUE index on phone_e164', () => {
    const indexes = db.prepare("PRAGMA index_list('member')").all() as {
      name: string;
      unique: number;
    }[];
    const phoneIndex = indexes.find(
      (index) =>
        index.unique === 1 &&
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
    ).toContain('USING INDEX points_entry_member (member_id=?)');
  });

  it('the pending outbox count uses outbox_pending', () => {
    expect(planOf(db, 'SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL')).toMatch(
      /USING (COVERING )?INDEX outbox_pending/,
    );
  });

  it('a sale’s refund (by refund_of) uses sale_refunded_once, also inside the receipt query', () => {
    expect(planOf(db, 'SELECT r.id FROM sale r WHERE r.refund_of = ?')).toContain(
      'SEARCH r USING INDEX sale_refunded_once (refund_of=?)',
    );
    expect(
      planOf(
        db,
        `SELECT s.*, st.name AS staff_name, (SELECT r.id FROM sale r WHERE r.refund_of = s.id) AS refunded_by
         FROM sale s JOIN staff st ON st.id = s.staff_id WHERE s.id = ?`,
      ),
    ).toContain('SEARCH r USING INDEX sale_refunded_once (refund_of=?)');
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

describe('the ledger refuses edits at the database level', () => {
  let core: TestCore;
  beforeEach(() => {
    core = openTestCore();
    const member = unwrap(
      core.dispatch('member.enroll', { name: 'Amy', phone: '9123 4567', marketingConsent: true }),
    ) as { id: string };
    unwrap(
      core.dispatch('sale.record', {
        saleId: '01900000-0000-7000-8000-000000000001',
        memberId: member.id,
        lines: [{ description: 'Tea', quantity: 2, unitPriceMinor: 1500 }],
        redeemPoints: 0,
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
      `INSERT INTO sale_line (sale_id, line_no, description, quantity, unit_price_minor, amount_minor)
       VALUES (?, ?, 'x', ?, ?, ?)`,
    );
    expect(() => insertLine.run(sale.id, 9, 1, 12.5, 12.5)).toThrow(
      /cannot store REAL value in INTEGER column/,
    );
    expect(() => insertLine.run(sale.id, 9, 1, '12', 'abc')).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    expect(() => insertLine.run(sale.id, 9, 2, 100, 100)).toThrow(/CHECK constraint failed/);
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
