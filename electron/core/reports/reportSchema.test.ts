import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../db/connection';
import { migrations } from '../db/migrate';
import { migration0005 } from '../db/migrations/0005_reports';
import { makeTempDir, testLedgerKey, type TempDir } from '../../../test/unit/helpers/terminal';
import {
  couponIssuedSql,
  couponUseSql,
  newMembersSql,
  heldPointsSql,
  pointsSql,
  salesAfterSql,
  salesSql,
  storedValueSql,
  taxByRateSql,
  tenderSql,
} from './reportQueries';
import { sqlitePlan } from '../../../test/unit/helpers/sqlitePlan';

let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = openLedger(path.join(tmp.dir, 'ledger.sqlite3'), { key: testLedgerKey() });
});
afterEach(() => {
  db.close();
  tmp.remove();
});

const planOf = (sql: string) => sqlitePlan(db, sql);

describe('migration 0005 (reports)', () => {
  it('on a fresh database before it, adds its tables STRICT, a default boundary of midnight', () => {
    const fresh = new Database(':memory:');
    for (const m of migrations.filter((x) => x.version < migration0005.version)) fresh.exec(m.up);
    fresh.exec(migration0005.up);
    const tables = (
      fresh.prepare('PRAGMA main.table_list').all() as { name: string; strict: number }[]
    ).filter((t) => ['business_day_setting', 'connectivity_change', 'z_report'].includes(t.name));
    expect(tables.map((t) => [t.name, t.strict]).sort()).toEqual([
      ['business_day_setting', 1],
      ['connectivity_change', 1],
      ['z_report', 1],
    ]);
    expect(fresh.prepare('SELECT boundary_minutes FROM business_day_setting').get()).toEqual({
      boundary_minutes: 0,
    });
    expect(() => fresh.exec('UPDATE business_day_setting SET boundary_minutes = 1440')).toThrow(
      /CHECK/,
    );
    fresh.close();
  });

  it('keeps closed Z reports and connectivity changes append-only, one Z per day', () => {
    db.exec(
      `INSERT INTO staff (id, name, role, created_at) VALUES ('s', 'S', 'manager', 'c');
       INSERT INTO connectivity_change (online, at) VALUES (0, '2030-01-01T00:00:00.000Z');
       INSERT INTO z_report (id, business_day, start_at, end_at, boundary_minutes, time_zone, body,
         terminal_id, closed_by, closed_at, hlc)
       VALUES ('z1', '2030-01-01', 'a', 'b', 0, 'Asia/Hong_Kong', '{}', 't', 's', 'c', 'h')`,
    );
    expect(() => db.exec('UPDATE z_report SET body = body')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM z_report')).toThrow(/append-only/);
    expect(() => db.exec('UPDATE connectivity_change SET online = 1')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM connectivity_change')).toThrow(/append-only/);
    expect(() =>
      db.exec(
        `INSERT INTO z_report (id, business_day, start_at, end_at, boundary_minutes, time_zone,
           body, terminal_id, closed_by, closed_at, hlc)
         VALUES ('z2', '2030-01-01', 'a', 'b', 0, 'Asia/Hong_Kong', '{}', 't', 's', 'c', 'h')`,
      ),
    ).toThrow(/UNIQUE/);
  });
});

describe('report queries read one day through their created-at indexes', () => {
  it.each([
    ['sale', salesSql, 'sale_created'],
    ['points_entry', pointsSql, 'points_entry_created'],
    ['coupon_use', couponUseSql, 'coupon_use_created'],
    ['coupon', couponIssuedSql, 'coupon_created'],
    ['stored_value_entry', storedValueSql, 'stored_value_created'],
    ['member', newMembersSql, 'member_enrolled'],
  ])('%s uses %s for its range, never a full scan', (table, sql, index) => {
    const plan = planOf(sql);
    expect(plan).toMatch(new RegExp(`SEARCH ${table} USING (COVERING )?INDEX ${index} \\(`));
    expect(plan).not.toMatch(new RegExp(`SCAN ${table}\\b`));
  });

  it('the liability reads only the entries since its cut-off, through points_entry_created', () => {
    const plan = planOf(heldPointsSql);
    expect(plan).toMatch(/SEARCH e USING (COVERING )?INDEX points_entry_created \(created_at>\?\)/);
    expect(plan).not.toMatch(/SCAN e\b/);
  });

  it('a sale’s gift cards sold come through stored_value_sale', () => {
    expect(planOf(salesSql)).toMatch(
      /SEARCH gift_sold USING INDEX stored_value_sale \(sale_id=\?\)/,
    );
  });
});

describe('the tender split, tax by rate and the early-close count read the day through sale_created', () => {
  it('money by tender: the day’s sales by created_at, each shift row by its primary key', () => {
    const plan = planOf(tenderSql);
    expect(plan).toMatch(/SEARCH s USING INDEX sale_created \(created_at>\? AND created_at<\?\)/);
    expect(plan).toMatch(/SEARCH ss USING PRIMARY KEY \(sale_id=\?\)/);
  });

  it('tax by rate: the day’s sales by created_at, each one’s lines by their primary key', () => {
    const plan = planOf(taxByRateSql);
    expect(plan).toMatch(/SEARCH s USING INDEX sale_created \(created_at>\? AND created_at<\?\)/);
    expect(plan).toMatch(/SEARCH l USING PRIMARY KEY \(sale_id=\?\)/);
    expect(plan).not.toMatch(/SCAN (s|l)\b/);
  });

  it('sales after an early close: a range of the created-at index alone', () => {
    expect(planOf(salesAfterSql)).toMatch(
      /SEARCH sale USING COVERING INDEX sale_created \(created_at>\? AND created_at<\?\)/,
    );
  });
});
