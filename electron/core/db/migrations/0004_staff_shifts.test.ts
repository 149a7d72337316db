import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../connection';
import { migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, testLedgerKey, type TempDir } from '../../../../test/unit/helpers/terminal';
import { sqlitePlan } from '../../../../test/unit/helpers/sqlitePlan';

/** Migration 0004 on a fresh ledger, and the indexes it adds used by the queries that need them. */

let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = openLedger(path.join(tmp.dir, LEDGER_FILE), { key: testLedgerKey() });
});
afterEach(() => {
  db.close();
  tmp.remove();
});

/** The plan does not depend on the values bound; `params` only documents them. */
const planOf = (sql: string, _params: unknown[] = []) => sqlitePlan(db, sql);

describe('migration 0004: staff, sign-in and shifts', () => {
  it('is registered in order and creates its STRICT tables with the default policy rows', () => {
    expect(migrations.map((m) => m.version)).toContain(4);
    const tables = (
      db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as {
        name: string;
        sql: string;
      }[]
    ).filter((t) =>
      ['staff_session', 'pin_guard', 'store_policy', 'shift', 'shift_sale'].includes(t.name),
    );
    expect(tables).toHaveLength(5);
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT/);
    expect(db.prepare('SELECT * FROM pin_guard').all()).toEqual([
      { id: 1, failures: 0, locked_until: null },
    ]);
    expect(db.prepare('SELECT refund_limit_minor FROM store_policy').all()).toEqual([
      { refund_limit_minor: 50_000 },
    ]);
    const staffColumns = (db.prepare('PRAGMA table_info(staff)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(staffColumns).toEqual(expect.arrayContaining(['deactivated_at', 'deactivated_by']));
  });

  it('the audit log stays append-only', () => {
    db.prepare(
      "INSERT INTO staff (id, name, role, created_at) VALUES ('s', 'S', 'manager', 'x')",
    ).run();
    db.prepare(
      `INSERT INTO audit_log (id, action, subject_type, subject_id, staff_id, terminal_id, created_at, hlc)
       VALUES ('a', 'x', 't', 'i', 's', 't', 'x', 'h')`,
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('at most one open session; a session ends once', () => {
    db.prepare(
      "INSERT INTO staff (id, name, role, created_at) VALUES ('s', 'S', 'manager', 'x')",
    ).run();
    const open = db.prepare(
      "INSERT INTO staff_session (id, staff_id, terminal_id, signed_in_at) VALUES (?, 's', 't', 'x')",
    );
    open.run('1');
    expect(() => open.run('2')).toThrow(/UNIQUE/);
    db.prepare("UPDATE staff_session SET ended_at = 'y', end_reason = 'signed_out'").run();
    open.run('2');
    expect(() =>
      db
        .prepare("UPDATE staff_session SET ended_at = 'z', end_reason = 'switched' WHERE id = '1'")
        .run(),
    ).toThrow(/only be ended, once/);
  });
});

describe('indexes are used by the audit search and the shift summary', () => {
  const page = 'ORDER BY a.audit_no DESC LIMIT 50';
  const base = 'SELECT a.audit_no FROM audit_log a';
  it('newest first with no filter walks the primary key backwards, no sort', () => {
    expect(planOf(`${base} ${page}`)).not.toMatch(/TEMP B-TREE/);
  });
  it('by action uses audit_action, without a sort', () => {
    const plan = planOf(`${base} WHERE a.action = ? ${page}`, ['x']);
    expect(plan).toMatch(/USING (COVERING )?INDEX audit_action/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
  it('by subject uses audit_subject_id', () => {
    expect(planOf(`${base} WHERE a.subject_id IN (?, ?) ${page}`, ['x', 'y'])).toMatch(
      /INDEX audit_subject_id/,
    );
  });
  it('by person uses audit_staff and audit_approver (who did it, or approved it)', () => {
    const plan = planOf(`${base} WHERE (a.staff_id = ? OR a.approved_by = ?) ${page}`, ['s', 's']);
    expect(plan).toMatch(/INDEX audit_staff/);
    expect(plan).toMatch(/INDEX audit_approver/);
  });
  it('by date range uses audit_time', () => {
    expect(
      planOf(`${base} WHERE a.created_at >= ? AND a.created_at < ? ${page}`, ['2025', '2026']),
    ).toMatch(/INDEX audit_time/);
  });
  it('a shift’s sales use shift_sale_shift; the open shift uses shift_one_open', () => {
    expect(
      planOf(
        'SELECT s.kind FROM shift_sale ss JOIN sale s ON s.id = ss.sale_id WHERE ss.shift_id = ?',
        ['x'],
      ),
    ).toMatch(/INDEX shift_sale_shift/);
    expect(
      planOf('SELECT id FROM shift WHERE terminal_id = ? AND closed_at IS NULL', ['t']),
    ).toMatch(/INDEX shift_one_open/);
  });
});
